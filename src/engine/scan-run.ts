import type { Verdict as ItemVerdict } from './verdicts.js';
import type { Waiver } from '../plan/schema.js';
import type { Result } from './result.js';

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

/** Everything one run measured: the input of every report. */
export interface ScanRun {
  tool: { name: 'harden'; version: string };
  startedAt: string;
  durationMs: number;
  /** Repository root the file paths are relative to. */
  root: string;
  /** The plan file, relative to the working directory, when a plan was used. */
  plan?: string;
  results: Result[];
  waivers: WaiverStatus[];
  /** Present when the run verified a plan's items. */
  verdicts?: ItemVerdict[];
}
