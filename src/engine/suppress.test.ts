import { describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { runAsNonRoot } from '../checks/k8s/run-as-non-root.js';
import { runCheckOn } from '../testing/check-cases.js';
import { yaml } from '../testing/dedent.js';
import { applySuppressions } from './suppress.js';

const deployment = (name: string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
    ${extra}
  spec:
    template:
      spec:
        containers:
          - name: app
`;

describe('suppression', () => {
  it('honours the harden.dev/ignore annotation with its reason', async () => {
    const results = await runCheckOn(runAsNonRoot, deployment('api', 'annotations: { harden.dev/ignore: "k8s/run-as-non-root: vendor image needs root" }'));
    expect(results.map((r) => [r.status, r.suppression])).toEqual([['fail', { by: 'inline', reason: 'vendor image needs root' }]]);
  });

  it('honours a harden-ignore comment on the line above', async () => {
    const text = deployment('api').replace('      - name: app', '      # harden-ignore k8s/run-as-non-root init image, fixed in v2\n      - name: app');
    const results = await runCheckOn(runAsNonRoot, text);
    expect(results[0]!.suppression).toEqual({ by: 'inline', reason: 'init image, fixed in v2' });
  });

  it('ignores a comment naming another check', async () => {
    const text = deployment('api').replace('      - name: app', '      # harden-ignore k8s/image-digest pinned upstream\n      - name: app');
    expect((await runCheckOn(runAsNonRoot, text))[0]!.suppression).toBeUndefined();
  });

  it('classifies waivers: active, expiring, expired (counts again), unmatched; baseline catches the rest', async () => {
    const results = await runCheckOn(runAsNonRoot, {
      'deploy/a.yaml': deployment('a'),
      'deploy/b.yaml': deployment('b'),
      'legacy/c.yaml': deployment('c'),
      'legacy/d.yaml': deployment('d'),
    });
    const fingerprintOfD = results.find((r) => r.target.startsWith('legacy/d.yaml'))!.fingerprint;
    const now = new Date('2026-11-30T00:00:00Z');
    const waivers = applySuppressions(results, {
      now,
      warningDays: 10,
      waiverLine: (i) => 10 + i,
      baseline: new Set([fingerprintOfD]),
      waivers: [
        { check: 'k8s/run-as-non-root', where: ['deploy/a.yaml'], reason: 'vendor', expires: '2027-03-01' },
        { check: 'k8s/*', where: ['Deployment/b'], reason: 'migrating', owner: 'sam', expires: '2026-12-05' },
        { check: 'k8s/run-as-non-root', where: ['legacy/c.yaml'], reason: 'old', expires: '2026-11-30' },
        { check: 'k8s/run-as-non-root', where: ['nowhere/**'], reason: 'stale' },
      ],
    });
    expect(waivers.map((w) => [w.state, w.matched, w.daysLeft, w.line])).toEqual([
      ['active', 1, 91, 10],
      ['expiring', 1, 5, 11],
      ['expired', 1, 0, 12],
      ['unmatched', 0, undefined, 13],
    ]);
    const byFile = Object.fromEntries(results.map((r) => [r.target.split('#')[0], r]));
    expect(byFile['deploy/a.yaml']!.suppression).toEqual({ by: 'waiver', reason: 'vendor', expires: '2027-03-01' });
    expect(byFile['deploy/b.yaml']!.suppression).toEqual({ by: 'waiver', reason: 'migrating', owner: 'sam', expires: '2026-12-05' });
    expect(byFile['legacy/c.yaml']!.suppression).toBeUndefined();
    expect(byFile['legacy/c.yaml']!.waiverExpired).toBe('2026-11-30');
    expect(byFile['legacy/d.yaml']!.suppression).toEqual({ by: 'baseline', reason: 'in the baseline' });
    expect(catalog.has('k8s/run-as-non-root')).toBe(true);
  });
});
