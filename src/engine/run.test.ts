import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../checks/define.js';
import type { LiveClients } from '../targets/live/targets.js';
import { DEFAULT_GLOBS, Workspace } from '../targets/repo/workspace.js';
import { yaml } from '../testing/dedent.js';
import { RecordedHost } from '../testing/recorded-host.js';
import { runChecks, type CheckInvocation } from './run.js';

function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-engine-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const pod = (name: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: ${name} }
  spec:
    containers:
      - name: app
        image: nginx
`;

const namesPods = defineCheck({
  id: 'k8s/test-names',
  title: 'test',
  severity: 'low',
  target: 'k8s-object',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { bad: 'object {name} is bad' },
  evaluate(object, ctx) {
    if (object.kind !== 'Pod') return ctx.notApplicable();
    if (object.name.startsWith('bad')) ctx.fail(object.at('metadata.name'), 'bad', { name: object.name });
  },
});

const throws = defineCheck({
  id: 'k8s/test-throws',
  title: 'throws',
  severity: 'high',
  target: 'k8s-object',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: {},
  evaluate(object) {
    if (object.name === 'bad-1') throw new Error('boom');
  },
});

const hangs = defineCheck({
  id: 'k8s/test-hangs',
  title: 'hangs',
  severity: 'low',
  target: 'k8s-object',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: {},
  evaluate: () => new Promise<void>(() => {}),
});

const invoke = (...checks: CheckInvocation['check'][]): CheckInvocation[] => checks.map((check) => ({ check, options: {}, key: check.id }));

const graded = defineCheck({
  id: 'k8s/test-graded',
  title: 'graded',
  severity: 'low',
  target: 'k8s-object',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { minor: 'minor on {name}', major: { text: 'major on {name}', severity: 'critical' } },
  budgetMs: 500,
  async evaluate(object, ctx) {
    await new Promise((resolve) => setTimeout(resolve, 80));
    if (object.name === 'good') ctx.measured('grade A');
    else ctx.fail(object.location, object.name === 'bad-1' ? 'major' : 'minor', { name: object.name });
  },
});

function concurrencyProbe() {
  let inFlight = 0;
  const seen = { max: 0 };
  const check = defineCheck({
    id: 'k8s/test-slow',
    title: 'slow',
    severity: 'low',
    target: 'k8s-object',
    why: 'w',
    fix: 'f',
    refs: [],
    messages: {},
    async evaluate() {
      inFlight += 1;
      seen.max = Math.max(seen.max, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
    },
  });
  return { check, seen };
}

describe('runChecks', () => {
  it('gives each remote host the run\'s bound to itself, so many hosts are read as one is', async () => {
    const hosts = Array.from({ length: 6 }, (_, i) => new RecordedHost({ name: `node-${i}` }));
    // Only what the engine reads of the live clients for hosts.
    const live = { config: { hosts }, hosts: () => hosts, redirectsNotFollowed: () => [] } as unknown as LiveClients;
    const inFlight = new Map<string, number>();
    const seen = { max: 0, maxOneHost: 0 };
    const waitsOnHost = (id: string) =>
      defineCheck({
        id: `host/test-${id}`,
        title: id,
        severity: 'low',
        target: 'host',
        why: 'w',
        fix: 'f',
        refs: [],
        messages: {},
        async evaluate(host) {
          inFlight.set(host.name, (inFlight.get(host.name) ?? 0) + 1);
          seen.max = Math.max(seen.max, [...inFlight.values()].reduce((a, b) => a + b, 0));
          seen.maxOneHost = Math.max(seen.maxOneHost, inFlight.get(host.name)!);
          await new Promise((resolve) => setTimeout(resolve, 20));
          inFlight.set(host.name, inFlight.get(host.name)! - 1);
        },
      });
    const results = await runChecks(await Workspace.open(repo({}), DEFAULT_GLOBS, live), invoke(waitsOnHost('a'), waitsOnHost('b'), waitsOnHost('c')), { concurrency: 2, timeoutMs: 1000 });
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(18);
    expect(seen).toEqual({ max: 12, maxOneHost: 2 });
  });

  it('starts asynchronous evaluations only within the concurrency bound', async () => {
    const { check, seen } = concurrencyProbe();
    const dir = repo(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.yaml`, pod(`p${i}`)])));
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(check), { concurrency: 3, timeoutMs: 1000 });
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(12);
    // The first evaluation reveals the check is asynchronous; every later one waits for a slot.
    expect(seen.max).toBeLessThanOrEqual(4);
    expect(seen.max).toBeGreaterThanOrEqual(3);
  });

  it('gives a message its own severity, keeps what a pass measured, and grants a check its budget', async () => {
    const dir = repo({ 'a.yaml': pod('good') + '---\n' + pod('bad-1') + '---\n' + pod('bad-2') });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(graded), { concurrency: 4, timeoutMs: 20 });
    expect(results.map((r) => [r.status, r.severity, r.message, r.evidence])).toEqual([
      ['pass', 'low', 'graded', 'grade A'],
      ['fail', 'critical', 'major on bad-1', undefined],
      ['fail', 'low', 'minor on bad-2', undefined],
    ]);
  });

  it('reports passes, failures with lines, and skips targets outside a check', async () => {
    const dir = repo({ 'a.yaml': pod('good') + '---\n' + pod('bad-1'), 'b.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: bad-svc }\n' });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(namesPods));
    expect(results.map((r) => [r.status, r.location.kind === 'file' && `${r.location.path}:${r.location.line}`])).toEqual([
      ['pass', 'a.yaml:1'],
      ['fail', 'a.yaml:11'],
    ]);
  });

  it('evaluates only the objects of the kinds a check declares, in any API group or in the one named', async () => {
    const seen: string[] = [];
    const object = (apiVersion: string, kind: string, name: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: ${name} }\n`;
    const deployment = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec: { template: { spec: { containers: [{ name: app }] } } }
    `;
    const dir = repo({
      'a.yaml': [pod('p'), object('v1', 'Service', 's'), object('v1', 'Secret', 'core'), object('example.com/v1', 'Secret', 'custom'), object('rbac.authorization.k8s.io/v1', 'Role', 'r'), deployment].join('---\n'),
    });
    const declared = (target: 'k8s-object' | 'k8s-workload', kinds: readonly string[]) =>
      defineCheck({
        id: `k8s/test-${target}`,
        title: 'kinds',
        severity: 'low',
        target,
        kinds,
        why: 'w',
        fix: 'f',
        refs: [],
        messages: {},
        evaluate(read: { kind: string; name: string }) {
          seen.push(`${target} ${read.kind}/${read.name}`);
        },
      });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(declared('k8s-object', ['Pod', 'v1/Secret', 'rbac.authorization.k8s.io/Role']), declared('k8s-workload', ['Deployment'])));
    expect(seen.sort()).toEqual(['k8s-object Pod/p', 'k8s-object Role/r', 'k8s-object Secret/core', 'k8s-workload Deployment/web']);
    expect(results.map((r) => r.target).sort()).toEqual(['a.yaml#Deployment/web', 'a.yaml#Pod/p', 'a.yaml#Role/r', 'a.yaml#Secret/core']);
    // @ts-expect-error -- a container has no kind of its own: kinds are for object and workload targets
    defineCheck({ id: 'k8s/test-container', title: 't', severity: 'low', target: 'k8s-container', kinds: ['Pod'], why: 'w', fix: 'f', refs: [], messages: {}, evaluate() {} });
  });

  it('turns a throwing check into an error result naming it, and goes on', async () => {
    const dir = repo({ 'a.yaml': pod('bad-1') + '---\n' + pod('bad-2') });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(throws, namesPods));
    expect(results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual(['check k8s/test-throws could not run: boom']);
    expect(results.filter((r) => r.checkId === 'k8s/test-names' && r.status === 'fail')).toHaveLength(2);
  });

  it('times out a hanging check per target', async () => {
    const dir = repo({ 'a.yaml': pod('x') });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(hangs), { concurrency: 2, timeoutMs: 50 });
    expect(results.map((r) => r.message)).toEqual(['check k8s/test-hangs could not run: timed out after 50 ms (k8s/test-hangs)']);
  });

  it('keeps fingerprints when lines move, and orders results stably', async () => {
    const before = await runChecks(await Workspace.open(repo({ 'a.yaml': pod('bad-1') }), DEFAULT_GLOBS), invoke(namesPods));
    const after = await runChecks(await Workspace.open(repo({ 'a.yaml': `# moved down\n\n${pod('bad-1')}` }), DEFAULT_GLOBS), invoke(namesPods));
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
    expect(after[0]!.location).not.toEqual(before[0]!.location);
    const twice = await runChecks(await Workspace.open(repo({ 'b.yaml': pod('bad-2'), 'a.yaml': pod('bad-1') }), DEFAULT_GLOBS), invoke(namesPods, throws));
    // By file, then line: the object's own result (line 1) before the failure at metadata.name (line 3).
    expect(twice.map((r) => `${r.target} ${r.checkId} ${r.status}`)).toEqual([
      'a.yaml#Pod/bad-1 k8s/test-throws error',
      'a.yaml#Pod/bad-1 k8s/test-names fail',
      'b.yaml#Pod/bad-2 k8s/test-throws pass',
      'b.yaml#Pod/bad-2 k8s/test-names fail',
    ]);
  });

  it('reports unreadable input as error results and never hangs on it', async () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    const dir = repo({
      'broken.yaml': 'kind: Pod\nspec: [\n',
      'bomb.yaml': bomb,
      'binary.yaml': Buffer.from([0x61, 0x00, 0x62, 0x0a]),
      'values.yaml': 'replicas: 3\nimage: { tag: latest }\n',
      'ok.yaml': pod('good'),
    });
    const started = Date.now();
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(namesPods));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([
      'binary.yaml: skipped: binary file',
      'bomb.yaml: invalid YAML: Excessive alias expansion indicates a resource exhaustion attack',
      expect.stringMatching(/^broken\.yaml: invalid YAML: /),
    ]);
    expect(results.filter((r) => r.status === 'pass').map((r) => r.target)).toEqual(['ok.yaml#Pod/good']);
  });

  it('skips a file over the size limit with an error result', async () => {
    const dir = repo({ 'huge.yaml': Buffer.alloc(50 * 1024 * 1024, 'a: b\n') });
    const results = await runChecks(await Workspace.open(dir, DEFAULT_GLOBS), invoke(namesPods));
    expect(results.map((r) => r.message)).toEqual(['huge.yaml: skipped: 50.0 MB is over the 10 MB limit for a file']);
  });

  it('reports a target read twice once, even when its identity is masked', async () => {
    const twice = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: "bad-https://ops:Hunter2-Hunter2@db.example.com/" }
      spec:
        containers:
          - name: app
            image: nginx
            image: nginx:1.27
    `;
    const results = await runChecks(await Workspace.open(repo({ 'a.yaml': twice }), DEFAULT_GLOBS), invoke(namesPods));
    expect(results.map((r) => [r.status, r.target])).toEqual([['fail', 'a.yaml#Pod/bad-https://ops:Hunt…@db.example.com/']]);
  });
});
