import { SEVERITIES, type Severity } from '../severity.js';
import type { Result } from './result.js';

/** What a result is counted by: every field here is known before its text and fingerprint are formed. */
export type CountedResult = Pick<Result, 'checkId' | 'status' | 'severity' | 'location' | 'target' | 'suppression'>;

/** Counts over every result of a run: what summaries need without reading the results again. */
export interface ResultTally {
  total: number;
  pass: number;
  /** Open failures: failed and not suppressed. */
  fail: number;
  error: number;
  skipped: number;
  /** Failures waived, ignored inline or baselined. */
  suppressed: number;
  /** Open failures by severity. */
  bySeverity: Record<Severity, number>;
  /** Distinct check ids among the results. */
  checks: number;
  /** Distinct targets among the results. */
  targets: number;
  /** Results in files, and results on live targets (URLs, hosts, DNS names). */
  inFiles: number;
  live: number;
}

export function tallyResults(results: Iterable<CountedResult>): ResultTally {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const tally: ResultTally = { total: 0, pass: 0, fail: 0, error: 0, skipped: 0, suppressed: 0, bySeverity, checks: 0, targets: 0, inFiles: 0, live: 0 };
  const checks = new Set<string>();
  const targets = new Set<string>();
  for (const result of results) {
    tally.total += 1;
    if (result.status === 'fail' && !result.suppression) {
      tally.fail += 1;
      bySeverity[result.severity] += 1;
    } else if (result.status === 'fail') tally.suppressed += 1;
    else tally[result.status] += 1;
    if (result.location.kind === 'file') tally.inFiles += 1;
    else tally.live += 1;
    checks.add(result.checkId);
    targets.add(result.target);
  }
  tally.checks = checks.size;
  tally.targets = targets.size;
  return tally;
}
