import type { Verdict as ItemVerdict } from './verdicts.js';
import type { Waiver } from '../plan/schema.js';
import type { Result } from './result.js';
import type { ResultTally } from './tally.js';

export type WaiverState = 'active' | 'expiring' | 'expired' | 'unmatched';

/** How a plan waiver fared in this run. */
export interface WaiverStatus {
  /** Index in the plan's `waivers` list. */
  index: number;
  waiver: Waiver;
  state: WaiverState;
  /** Failures it suppressed (or, when expired, would have). */
  matched: number;
  /** Days until it expires; negative once expired. */
  daysLeft?: number;
  /** Position of the waiver in the plan file. */
  line: number;
}

/**
 * Everything one run measured: the input of every report. `results` is read as a stream (a
 * large repository's passes are built only as they are read); what reports need besides
 * reading it once is held apart: the findings and the counts.
 */
export interface ScanRun {
  tool: { name: 'harden'; version: string };
  startedAt: string;
  durationMs: number;
  /** Repository root the file paths are relative to. */
  root: string;
  /** The plan file, relative to the working directory, when a plan was used. */
  plan?: string;
  /** Every result in a stable order; it can be read more than once, each reading building the passes again. */
  results: Iterable<Result>;
  /** The results that are not passes (failures, errors, skipped), in the same order. */
  findings: readonly Result[];
  /** Counts over every result. */
  tally: ResultTally;
  waivers: WaiverStatus[];
  /** Present when the run verified a plan's items. */
  verdicts?: ItemVerdict[];
}
