import { describe, expect, it } from 'vitest';
import type { Unverifiable, Verdict, VerdictKind } from '../engine/verdicts.js';
import { EVIDENCE_KINDS } from '../plan/evidence.js';
import { groupItems, summaryLine, summaryParts } from './verdict-groups.js';

function verdict(item: string, kind: VerdictKind, linked: boolean, unverifiable?: Unverifiable): Verdict {
  const checks = linked ? [{ check: 'k8s/run-as-non-root', pass: 1, fail: 0, waived: 0, error: 0 }] : [];
  return { item, title: item, kind: 'finding', claimed: 'open', verdict: kind, overdue: kind === 'overdue', reason: '', checks, ...(unverifiable ? { unverifiable } : {}) };
}

describe('item groups', () => {
  // Every verdict a linked item can have, and an unlinked one of every evidence kind, overdue or not.
  const verdicts: Verdict[] = [
    ...(['regression', 'waiver-expired', 'stale-doc', 'acceptance-unneeded', 'overdue', 'verified'] as const).map((kind) => verdict(`L-${kind}`, kind, true)),
    ...(['no-target', 'not-run', 'error'] as const).map((cause) => verdict(`L-${cause}`, 'unverifiable', true, { cause })),
    ...EVIDENCE_KINDS.map((evidence) => verdict(`U-${evidence}`, 'unverifiable', false, { cause: 'no-check', evidence })),
    verdict('U-late-host', 'overdue', false, { cause: 'no-check', evidence: 'host' }),
    verdict('U-none', 'unverifiable', false, { cause: 'no-check' }),
    verdict('U-late', 'overdue', false, { cause: 'no-check' }),
  ];

  it('counts every item exactly once: the parts sum to the total', () => {
    const groups = groupItems(verdicts);
    expect(groups.total).toBe(verdicts.length);
    expect(summaryParts(groups).reduce((sum, part) => sum + part.count, 0)).toBe(verdicts.length);
    for (const part of summaryParts(groups)) expect(part.text.startsWith(`${part.count} `)).toBe(true);
  });

  it('reads as one line: the linked by outcome, the kinds of check harden lacks by count, then application code, decisions and the unlinked', () => {
    expect(summaryLine(verdicts)).toBe(
      '21 items: 9 linked (1 verified, 1 regression, 1 waiver expired, 1 stale doc, 1 acceptance unneeded, 1 overdue, 1 matched no target, 1 not run, 1 could not run)'
        + ' · 8 need a check harden lacks (host 2, live cluster 1, cloud provider 1, backup 1, secret rotation 1, monitoring 1, API behaviour 1)'
        + ' · 1 application code · 1 decision or document (nothing to measure) · 2 without a check (run harden link)',
    );
    expect(summaryLine([])).toBe('0 items: 0 linked');
  });
});
