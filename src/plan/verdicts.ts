import type { Severity } from './severity.js';
import type { Status } from './status.js';

export const VERDICTS = [
  'regression',
  'waiver-expired',
  'stale-doc',
  'acceptance-unneeded',
  'overdue',
  'unverifiable',
  'verified',
] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** What one of an item's checks measured. */
export interface ItemCheckOutcome {
  check: string;
  where?: string[];
  pass: number;
  fail: number;
  /** Failures suppressed by an active waiver, annotation or baseline. */
  waived: number;
  error: number;
}

/** An item's claimed status against what its checks measured. */
export interface Verdict {
  item: string;
  title: string;
  kind: 'finding' | 'task';
  severity?: Severity;
  stage?: string;
  claimed: Status;
  verdict: VerdictKind;
  /** Open past its due date (explicit, or found + SLA days). */
  overdue: boolean;
  due?: string;
  /** One sentence a reader can act on. */
  reason: string;
  checks: ItemCheckOutcome[];
}
