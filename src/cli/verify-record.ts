import type { Verdict } from '../engine/verdicts.js';
import type { VerifyRunRecord } from '../monitor/store.js';

/** What `harden verify --record` (and serve's scheduled verify) keeps of a run: each item's claim and verdict, and the counts. */
export function verifyRunRecord(verdicts: readonly Verdict[], at: number): VerifyRunRecord {
  const counts: Record<string, number> = {};
  for (const verdict of verdicts) counts[verdict.verdict] = (counts[verdict.verdict] ?? 0) + 1;
  return {
    at,
    counts,
    items: verdicts.map((verdict) => ({ id: verdict.item, title: verdict.title, stage: verdict.stage ?? null, claimed: verdict.claimed, verdict: verdict.verdict })),
  };
}
