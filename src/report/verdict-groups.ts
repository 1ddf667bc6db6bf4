import type { Unverifiable, Verdict, VerdictKind } from '../engine/verdicts.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../plan/evidence.js';

/**
 * The plan's items, each counted once: linked (by what their checks measured), or by where the
 * proof of an unlinked item lives. `verify` ends with it and the Markdown register opens with it.
 */
export interface ItemGroups {
  total: number;
  /** Items with checks, by verdict; an unverifiable one by its cause instead. */
  linked: Count<LinkedOutcome>[];
  /** Unlinked items whose proof a kind of check harden does not have yet would read (host, backup, …). */
  lacking: Count<EvidenceKind>[];
  applicationCode: number;
  decision: number;
  /** Unlinked items that say nothing of their evidence: `harden link` has not judged them. */
  unlinked: number;
}

export type LinkedOutcome = Exclude<VerdictKind, 'unverifiable'> | Exclude<Unverifiable['cause'], 'no-check'>;

export interface Count<K extends string> {
  key: K;
  count: number;
}

/** Evidence kinds that are neither a check harden lacks nor nothing to measure. */
const NOT_LACKING = new Set<EvidenceKind>(['application-code', 'decision']);

const LINKED_ORDER: readonly LinkedOutcome[] = ['verified', 'regression', 'waiver-expired', 'stale-doc', 'acceptance-unneeded', 'overdue', 'no-target', 'not-run', 'error'];

export function groupItems(verdicts: readonly Verdict[]): ItemGroups {
  const linked = new Map<LinkedOutcome, number>();
  const lacking = new Map<EvidenceKind, number>();
  const groups: ItemGroups = { total: verdicts.length, linked: [], lacking: [], applicationCode: 0, decision: 0, unlinked: 0 };
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const verdict of verdicts) {
    if (verdict.checks.length > 0) add(linked, linkedOutcome(verdict));
    else if (verdict.unverifiable?.evidence === 'application-code') groups.applicationCode += 1;
    else if (verdict.unverifiable?.evidence === 'decision') groups.decision += 1;
    else if (verdict.unverifiable?.evidence) add(lacking, verdict.unverifiable.evidence);
    else groups.unlinked += 1;
  }
  groups.linked = LINKED_ORDER.filter((key) => linked.has(key)).map((key) => ({ key, count: linked.get(key)! }));
  groups.lacking = EVIDENCE_KINDS.filter((key) => !NOT_LACKING.has(key) && lacking.has(key))
    .map((key) => ({ key, count: lacking.get(key)! }))
    .sort((a, b) => b.count - a.count);
  return groups;
}

function linkedOutcome(verdict: Verdict): LinkedOutcome {
  if (verdict.verdict !== 'unverifiable') return verdict.verdict;
  const cause = verdict.unverifiable?.cause;
  return cause === undefined || cause === 'no-check' ? 'no-target' : cause;
}

const LINKED_WORDS: Record<LinkedOutcome, string> = {
  verified: 'verified',
  regression: 'regression',
  'waiver-expired': 'waiver expired',
  'stale-doc': 'stale doc',
  'acceptance-unneeded': 'acceptance unneeded',
  overdue: 'overdue',
  'no-target': 'matched no target',
  'not-run': 'not run',
  error: 'could not run',
};

/** Short names of the evidence kinds for one line; verify's sections use EVIDENCE_LABELS. */
export const EVIDENCE_SHORT: Record<EvidenceKind, string> = {
  host: 'host',
  cluster: 'live cluster',
  'cloud-provider': 'cloud provider',
  backup: 'backup',
  'secret-rotation': 'secret rotation',
  monitoring: 'monitoring',
  'api-behaviour': 'API behaviour',
  'application-code': 'application code',
  decision: 'decision or document',
};

/** The parts of the one-line summary, in order; their leading counts sum to the total. */
export function summaryParts(groups: ItemGroups): { count: number; text: string }[] {
  const sum = (counts: readonly Count<string>[]) => counts.reduce((total, c) => total + c.count, 0);
  const linked = sum(groups.linked);
  const lacking = sum(groups.lacking);
  const parts = [
    { count: linked, text: `${linked} linked${linked > 0 ? ` (${groups.linked.map((c) => `${c.count} ${LINKED_WORDS[c.key]}`).join(', ')})` : ''}` },
    { count: lacking, text: `${lacking} need a check harden lacks (${groups.lacking.map((c) => `${EVIDENCE_SHORT[c.key]} ${c.count}`).join(', ')})` },
    { count: groups.applicationCode, text: `${groups.applicationCode} application code` },
    { count: groups.decision, text: `${groups.decision} ${groups.decision === 1 ? 'decision or document' : 'decisions or documents'} (nothing to measure)` },
    { count: groups.unlinked, text: `${groups.unlinked} without a check (run harden link)` },
  ];
  return parts.filter((part, index) => index === 0 || part.count > 0);
}

/** `85 items: 41 linked (38 verified, 3 regression) · 20 need a check harden lacks (host 9, …) · …` */
export function summaryLine(verdicts: readonly Verdict[], separator = ' · '): string {
  const groups = groupItems(verdicts);
  return `${groups.total} item${groups.total === 1 ? '' : 's'}: ${summaryParts(groups).map((part) => part.text).join(separator)}`;
}
