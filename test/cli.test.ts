import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';

const BIN = resolve('bin/harden.js');
const EXAMPLES = resolve('examples');

/** Runs the built CLI the way a user does. */
function harden(args: string[], cwd = process.cwd()) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('harden scan on the examples', () => {
  it('prints failures with file:line and the fix, and the plan verdicts', () => {
    const { code, stdout } = harden(['scan', EXAMPLES]);
    expect(code).toBe(1);
    expect(stdout).toContain('k8s/allow-privilege-escalation');
    expect(stdout).toMatch(/at deploy\/worker\.yaml:\d+:\d+ {2}Deployment\/prod\/worker/);
    expect(stdout).toContain('fix ');
    expect(stdout).toMatch(/REGRESSION\s+SEC-2/);
    expect(stdout).toMatch(/STALE-DOC\s+SEC-3/);
    expect(stdout).toMatch(/ACCEPTANCE-UNNEEDED\s+SEC-5/);
    expect(stdout).toMatch(/OVERDUE\s+SEC-7/);
    expect(stdout).toMatch(/UNVERIFIABLE\s+OPS-1/);
    expect(stdout).toMatch(/VERIFIED\s+SEC-1 /);
    expect(stdout).not.toContain('\u001b[');
  });

  it('--fail-on none exits 0 and --only narrows the catalog', () => {
    expect(harden(['scan', EXAMPLES, '--fail-on', 'none']).code).toBe(0);
    const dockerOnly = harden(['scan', EXAMPLES, '--only', 'docker', '--fail-on', 'none']);
    expect(dockerOnly.stdout).toContain('docker/runs-as-root');
    expect(dockerOnly.stdout).not.toContain('k8s/image-pull-policy');
  });

  it('shows suppressed failures with their reason', () => {
    const { stdout } = harden(['scan', EXAMPLES, '--show-suppressed']);
    expect(stdout).toContain('inline:');
    expect(stdout).toContain('redis writes its RDB snapshots');
    expect(stdout).toContain('the official redis image reads its password');
  });

  it('writes SARIF to a file and still prints the terminal report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'harden-sarif-')), 'harden.sarif');
    const { stdout, stderr } = harden(['scan', EXAMPLES, '-f', 'sarif', '-o', out]);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(stdout).toContain('failures');
    expect(stderr).toContain(`wrote sarif report to ${out}`);
  });
});

describe('harden verify', () => {
  it('puts regressions first and exits 1', () => {
    const { code, stdout } = harden(['verify', EXAMPLES]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[2]).toMatch(/^Regressions \(\d+\)/);
    expect(lines[3]).toMatch(/^✗ SEC-2 /);
  });

  it('fails on an expired waiver and passes a plan that holds', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: app\n      image: nginx\n';
    const plan = (expires: string) =>
      `items:\n  - { id: A, title: t, status: open, checks: [k8s/run-as-non-root] }\nwaivers:\n  - { check: k8s/run-as-non-root, reason: vendor, expires: ${expires} }\n`;
    const expired = repo({ 'harden.yaml': plan('2026-11-01'), 'pod.yaml': manifest });
    const result = harden(['verify'], expired);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('expired on 2026-11-01');
    const active = repo({ 'harden.yaml': plan('2027-01-01'), 'pod.yaml': manifest });
    expect(harden(['verify'], active).code).toBe(0);
  });

  it('--strict fails on an overdue item', () => {
    const dir = repo({ 'harden.yaml': 'items:\n  - { id: A, title: backups, status: open, due: 2026-01-01 }\n' });
    expect(harden(['verify'], dir).code).toBe(0);
    expect(harden(['verify', '--strict'], dir).code).toBe(1);
  });
});

describe('harden verify --record', () => {
  it('keeps each run in the store, where a regression appears in the second', async () => {
    const pod = (nonRoot: boolean) => `apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  securityContext: { runAsNonRoot: ${nonRoot} }\n  containers:\n    - name: app\n      image: nginx\n`;
    const dir = repo({ 'harden.yaml': 'stages: [now]\nitems:\n  - { id: A, title: runs as non-root, stage: now, status: done, checks: [k8s/run-as-non-root] }\n', 'pod.yaml': pod(true) });
    expect(harden(['verify', '--record'], dir).code).toBe(0);
    writeFileSync(join(dir, 'pod.yaml'), pod(false));
    expect(harden(['verify', '--record'], dir).code).toBe(1);
    const store = await openStore({ sqlite: join(dir, '.harden/harden.db') });
    try {
      await store.migrate();
      const item = { id: 'A', title: 'runs as non-root', stage: 'now', claimed: 'done' };
      expect(await store.verifyRuns(10)).toEqual([
        { at: Date.parse('2026-11-30'), counts: { verified: 1 }, items: [{ ...item, verdict: 'verified' }] },
        { at: Date.parse('2026-11-30'), counts: { regression: 1 }, items: [{ ...item, verdict: 'regression' }] },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('bad input', () => {
  it('a schema error is one line file:line:col and exit 2', () => {
    const dir = repo({ 'harden.yaml': 'items:\n  - id: A\n    title: t\n    status: finished\n' });
    const { code, stderr, stdout } = harden(['scan'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('harden.yaml:4:5: status: expected one of open, in-progress, done, accepted\n');
    expect(stdout).toBe('');
  });

  it('an unknown check id in --only or explain is exit 2 with a hint', () => {
    expect(harden(['scan', EXAMPLES, '--only', 'k8s/nope']).stderr).toContain('unknown check id "k8s/nope"');
    const explain = harden(['explain', 'run-as-non-root']);
    expect([explain.code, explain.stderr.trim()]).toEqual([2, 'unknown check id "run-as-non-root" (did you mean k8s/run-as-non-root?)']);
  });

  it('explain names the Kubernetes kinds a check reads', () => {
    const { code, stdout } = harden(['explain', 'k8s/ingress-tls']);
    expect(code).toBe(0);
    expect(stdout).toContain('severity medium · target k8s-object · kinds Ingress, traefik.io/IngressRoute, traefik.containo.us/IngressRoute\n');
  });

  it('a scan that finds nothing to check is exit 2, saying what it looked for and where', () => {
    const dir = repo({});
    const { code, stderr } = harden(['scan', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('harden: nothing to check');
    expect(stderr).toContain(`root     ${dir}  (the DIR argument)`);
    expect(stderr).toMatch(/\n {4}manifests {3}\*\*\/\*\.yaml, \*\*\/\*\.yml\n/);
  });

  it('a Markdown file with no tracker is a clear message', () => {
    const dir = repo({ 'notes.md': '# Notes\n\nJust prose, and a list:\n\n- one\n- two\n' });
    const { code, stderr } = harden(['import', 'notes.md', '-o', '-'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('notes.md: no tracker found');
  });

  it('fails a scan that could not check some targets, unless told to allow it', () => {
    const dir = repo({ 'broken.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n' });
    const failing = harden(['scan', dir]);
    expect([failing.code, failing.stdout]).toEqual([1, expect.stringContaining('Could not check (1)')]);
    expect(harden(['scan', dir, '--allow-errors']).code).toBe(0);
  });

  it('rejects mistakes before any work: typos in --only, bad formats, unwritable outputs, a DNS server by name', () => {
    expect(harden(['scan', EXAMPLES, '--only', 'k8ss']).stderr).toContain('unknown check domain "k8ss"');
    expect(harden(['scan', EXAMPLES, '--only', 'k8s/run-as*', '--fail-on', 'none']).code).toBe(0);
    expect(harden(['scan', EXAMPLES, '-f', 'sarf']).code).toBe(2);
    expect(harden(['scan', EXAMPLES, '-o', '/nonexistent/dir/x.sarif', '-f', 'sarif']).stderr).toContain('/nonexistent/dir/x.sarif: cannot write there');
    expect(harden(['scan', EXAMPLES, '--dns-server', 'localhost:53']).stderr).toContain('--dns-server: expected an IP address and port');
    expect(harden(['scan', join(EXAMPLES, 'harden.yaml')]).stderr).toContain('not a directory');
  });

  it('a missing directory or plan is exit 2', () => {
    expect(harden(['scan', '/nonexistent/dir']).code).toBe(2);
    expect(harden(['verify'], repo({})).stderr).toContain('no plan: harden.yaml not found here');
  });
});

describe('init, import, report', () => {
  it('init writes a plan that loads and names what it found', () => {
    const dir = repo({
      'deploy/api/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers: [{ name: api, image: "api:1" }]\n',
      'api/Dockerfile': 'FROM node:20\nUSER node\n',
      'docker-compose.yml': 'services:\n  db: { image: "postgres:16" }\n',
      'helm/values.yaml': 'replicas: 2\n',
      'helm/Chart.yaml': 'apiVersion: v2\nname: api\n',
      'helm/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: { app: "{{ .Values.app }}" }\n',
      'cue.mod/pkg/timoni.sh/core/image.cue': 'package core\n',
      'docker/base.dockerfile': 'FROM node:20\n',
    });
    const init = harden(['init'], dir);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('helm/Chart.yaml: skipped: a Helm chart (1 template under helm/templates/)');
    const plan = readFileSync(join(dir, 'harden.yaml'), 'utf8');
    expect(plan).toContain('deploy/api/**/*.y*ml');
    expect(plan).not.toContain('helm');
    expect(plan).not.toContain('timoni');
    expect(plan).toContain('docker/base.dockerfile');
    expect(plan).toContain('api/Dockerfile');
    expect(plan).toContain('# harden plan');
    expect(harden(['init'], dir).code).toBe(2);
    expect(harden(['scan', '--fail-on', 'none'], dir).code).toBe(0);
    const parent = dirname(dir);
    const other = repo({ 'deploy/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: a }\nspec: { containers: [{ name: a, image: "a:1" }] }\n' });
    expect(harden(['init', other], parent).code).toBe(0);
    expect(readFileSync(join(other, 'harden.yaml'), 'utf8')).toContain('deploy/**/*.y*ml');
  });

  it('import then report round-trips ids, titles, severities, stages and statuses', () => {
    const tracker = [
      '# Hardening plan',
      '',
      '## Stage 1 — Before launch',
      '',
      '| ID | Severity | Finding | Status |',
      '|----|----------|---------|--------|',
      '| SEC-1 | CRIT | Redis has no password | ☑ |',
      '| SEC-2 | HIGH | Containers run as root | ◐ |',
      '',
      '## Stage 2 — Later',
      '',
      '| ID | Severity | Finding | Status |',
      '|----|----------|---------|--------|',
      '| SEC-3 | MED | No default-deny NetworkPolicy | ☐ |',
      '| SEC-4 | LOW | Server header leaks version | ⊘ |',
      '',
    ].join('\n');
    const dir = repo({ 'plan.md': tracker });
    const imported = harden(['import', 'plan.md'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('imported 4 items');
    const report = harden(['report', '--no-measure', '-o', 'SECURITY.md'], dir);
    expect(report.code).toBe(0);
    const again = harden(['import', 'SECURITY.md', '-o', 'again.yaml'], dir);
    expect(again.code).toBe(0);
    const pick = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => /^\s+(- )?(id|title|severity|stage|status):/.test(line))
        .map((line) => line.replace(/^\s+(- )?/, ''));
    expect(pick('again.yaml')).toEqual(pick('harden.yaml'));
    expect(pick('harden.yaml')).toContain('title: Redis has no password');
  });
});
