import { describe, expect, it } from 'vitest';
import type { Result } from './result.js';
import { planSchema } from '../plan/schema.js';
import { computeVerdicts } from './verdicts.js';

const result = (status: Result['status'], target: string, extra: Partial<Result> = {}): Result => ({
  checkId: 'k8s/run-as-non-root',
  invocation: 'k8s/run-as-non-root',
  status,
  severity: 'medium',
  message: 'm',
  location: { kind: 'file', path: target.split('#')[0]!, line: 1, column: 1 },
  target,
  fingerprint: target,
  ...extra,
});

const item = (fields: Record<string, unknown>) => ({ title: 't', checks: ['k8s/run-as-non-root'], ...fields });

function verdictsOf(items: Record<string, unknown>[], results: Result[], now = '2026-11-30') {
  const plan = planSchema.parse({ items, sla: { high: 30 } });
  return Object.fromEntries(computeVerdicts({ items: plan.items, results, sla: plan.sla, now: new Date(`${now}T12:00:00Z`) }).map((v) => [v.item, v]));
}

describe('verdicts', () => {
  const passing = [result('pass', 'deploy/api.yaml#Deployment/api/container:app')];
  const failing = [result('pass', 'deploy/api.yaml#Deployment/api/container:app'), result('fail', 'deploy/worker.yaml#Deployment/worker/container:w')];

  it('verifies a done item whose checks pass, and flags a regression when one fails', () => {
    const v = verdictsOf([item({ id: 'A', status: 'done' }), item({ id: 'B', status: 'done', checks: [{ check: 'k8s/run-as-non-root', where: 'deploy/worker.yaml' }] })], failing);
    expect(v.A!.verdict).toBe('regression');
    expect(v.A!.reason).toBe('claimed done, but k8s/run-as-non-root fails on 1 target');
    expect(v.B!.verdict).toBe('regression');
    expect(verdictsOf([item({ id: 'A', status: 'done' })], passing).A!.verdict).toBe('verified');
  });

  it('calls an open item whose checks all pass a stale document', () => {
    expect(verdictsOf([item({ id: 'A', status: 'open' })], passing).A!.verdict).toBe('stale-doc');
    expect(verdictsOf([item({ id: 'A', status: 'in-progress' })], failing).A!.verdict).toBe('verified');
  });

  it('says an accepted risk is no longer needed once it passes', () => {
    expect(verdictsOf([item({ id: 'A', status: 'accepted' })], passing).A!.verdict).toBe('acceptance-unneeded');
    expect(verdictsOf([item({ id: 'A', status: 'accepted' })], failing).A!.verdict).toBe('verified');
  });

  it('reports an expired waiver on a done item', () => {
    const expired = [result('fail', 'x.yaml#Pod/x/container:a', { waiverExpired: '2026-11-01' })];
    expect(verdictsOf([item({ id: 'A', status: 'done' })], expired).A!.verdict).toBe('waiver-expired');
  });

  it('counts a waived failure as measured, not as a regression', () => {
    const waived = [result('fail', 'x.yaml#Pod/x/container:a', { suppression: { by: 'waiver', reason: 'r' } })];
    const v = verdictsOf([item({ id: 'A', status: 'done' }), item({ id: 'B', status: 'open' })], waived);
    expect([v.A!.verdict, v.B!.verdict]).toEqual(['verified', 'verified']);
    expect(v.A!.checks[0]).toMatchObject({ waived: 1, fail: 0 });
  });

  it('is honest about what it cannot measure', () => {
    const v = verdictsOf(
      [
        item({ id: 'A', status: 'open', checks: [] }),
        item({ id: 'B', status: 'done', checks: [{ check: 'k8s/run-as-non-root', where: 'nowhere/**' }] }),
        item({ id: 'C', status: 'done' }),
      ],
      [...passing.map((r) => ({ ...r, target: 'other.yaml#Pod/o' })), result('error', 'e.yaml#Pod/e', { message: 'boom' })],
    );
    expect(v.A!.reason).toBe('no automated check: run "harden link" or add `checks:`');
    expect([v.A!.verdict, v.B!.verdict, v.C!.verdict]).toEqual(['unverifiable', 'unverifiable', 'unverifiable']);
    expect(v.B!.reason).toBe('k8s/run-as-non-root matched no target (where: nowhere/**)');
    expect(v.C!.reason).toBe('k8s/run-as-non-root could not run: boom');
    expect([v.A!.unverifiable, v.B!.unverifiable, v.C!.unverifiable]).toEqual([{ cause: 'no-check' }, { cause: 'no-target' }, { cause: 'error' }]);
    const host = verdictsOf([item({ id: 'D', status: 'done', checks: [], evidence: 'host' })], []);
    expect(host.D).toMatchObject({ verdict: 'unverifiable', reason: 'no check reads host configuration yet: verify it by hand', unverifiable: { cause: 'no-check', evidence: 'host' } });
  });

  it('judges a check scoped to some messages by those reports alone', () => {
    const hsts = (target: string, messageId: string) => result('fail', target, { checkId: 'k8s/traefik-security-headers', invocation: 'k8s/traefik-security-headers', messageId });
    const results = [hsts('a.yaml#Middleware/a', 'cspMissing'), hsts('b.yaml#Middleware/b', 'cspMissing'), hsts('b.yaml#Middleware/b', 'hstsNoPreload')];
    const scoped = (id: string, where: string) => item({ id, status: 'done', checks: [{ check: 'k8s/traefik-security-headers', messages: ['hstsNoPreload'], where }] });
    const v = verdictsOf([scoped('A', 'Middleware/a'), scoped('B', 'Middleware/b')], results);
    expect(v.A).toMatchObject({ verdict: 'verified', checks: [{ pass: 1, fail: 0, messages: ['hstsNoPreload'] }] });
    expect(v.B).toMatchObject({ verdict: 'regression', checks: [{ pass: 0, fail: 1 }] });
  });

  it('marks open items past their due date (explicit or found + SLA) as overdue', () => {
    const v = verdictsOf(
      [
        item({ id: 'A', status: 'open', due: '2026-11-01' }),
        item({ id: 'B', status: 'open', severity: 'high', found: '2026-10-01' }),
        item({ id: 'C', status: 'open', severity: 'high', found: '2026-11-15' }),
        item({ id: 'D', status: 'open', checks: [], due: '2026-01-01' }),
      ],
      failing,
    );
    expect([v.A!.verdict, v.B!.verdict, v.C!.verdict]).toEqual(['overdue', 'overdue', 'verified']);
    expect(v.B!.due).toBe('2026-10-31');
    expect([v.D!.verdict, v.D!.overdue]).toEqual(['overdue', true]);
  });

  it('orders regressions first', () => {
    const plan = planSchema.parse({ items: [item({ id: 'A', status: 'open' }), item({ id: 'B', status: 'done' })] });
    const order = computeVerdicts({ items: plan.items, results: failing, sla: {}, now: new Date() }).map((v) => v.item);
    expect(order).toEqual(['B', 'A']);
  });
});
