import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHardenSync, type CliRun } from '../run-cli.js';

const dirs: string[] = [];

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-link-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function harden(args: string[], cwd: string): CliRun {
  return runHardenSync(args, { cwd, timeoutMs: 30_000 });
}

// A compose stack (not Kubernetes), a plan written by hand in another team's words.
const FILES = {
  'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  cache:\n    image: redis:latest\n',
  'harden.yaml': [
    '# Ops plan — kept by hand',
    'version: 1',
    'items:',
    '  - id: OPS-1',
    '    title: Run no container in privileged mode',
    '    status: done',
    '  - id: OPS-2',
    '    title: Pin every image to an immutable digest (no :latest)',
    '    status: open',
    '  - id: OPS-3',
    '    title: DMARC set to p=reject',
    '    notes: "Verify: dig +short TXT _dmarc.shopfront.io"',
    '  - id: OPS-4',
    '    title: Install fail2ban on the VM',
    '  - id: OPS-5',
    '    title: Quarterly access review',
    '',
  ].join('\n'),
};

describe('harden link', () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('prints what it would link, and --write saves it with a comment on each link', () => {
    const dir = repo(FILES);
    const dry = harden(['link'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('OPS-1  + compose/privileged');
    expect(dry.stdout).toContain('OPS-3  + dns/dmarc');
    expect(dry.stdout).toContain('targets  + domains: shopfront.io');
    expect(dry.stdout).toContain('OPS-4  evidence: host');
    expect(dry.stderr).toMatch(/^5 items: 3 linked .* · run with --write to save them$/m);
    expect(readFileSync(join(dir, 'harden.yaml'), 'utf8')).toBe(FILES['harden.yaml']);

    const written = harden(['link', '--write'], dir);
    expect(written.code, written.stderr).toBe(0);
    const plan = readFileSync(join(dir, 'harden.yaml'), 'utf8');
    expect(plan).toMatch(/^# Ops plan — kept by hand\n/);
    expect(plan).toMatch(/- \{ check: compose\/privileged.*\} # linked: .* in the title/);
    expect(plan).toMatch(/- \{ check: dns\/dmarc.*\} # linked: Verify line: dig \+short TXT _dmarc\.shopfront\.io/);
    expect(plan).toMatch(/- shopfront\.io # named by OPS-3/);
    expect(plan).toMatch(/evidence: host # no check reads this yet/);

    // Linked items are left alone the second time; the plan loads and measures them.
    expect(harden(['link'], dir).stderr).toMatch(/3 already had checks/);
    const verified = harden(['verify', '--skip', 'http,tls,dns,net,probe', '-f', 'json', '-o', 'verdicts.json'], dir);
    const report = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as { verdicts: { item: string; verdict: string }[] };
    const verdicts = Object.fromEntries(report.verdicts.map((v) => [v.item, v.verdict]));
    expect(verdicts).toMatchObject({ 'OPS-1': 'regression', 'OPS-2': 'verified', 'OPS-4': 'unverifiable' });

    // The terminal report leads with the claims found false, and ends with every item counted once.
    const lines = verified.stdout.trimEnd().split('\n');
    expect(lines.slice(1, 5)).toEqual(['', expect.stringMatching(/^Regressions \(1\)/), '✗ OPS-1 Run no container in privileged mode', expect.stringMatching(/^ {4}compose\/privileged fails on 1 target$/)]);
    expect(lines.at(-1)).toMatch(/^5 items: 3 linked \(1 verified, 1 regression, 1 not run\) · 1 need a check harden lacks \(host 1\) · 1 /);
  });
});
