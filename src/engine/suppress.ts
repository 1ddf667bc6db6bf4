import type { Waiver } from '../plan/schema.js';
import { daysBetween, parseDate } from '../plan/dates.js';
import type { Result } from './result.js';
import type { WaiverStatus } from './scan-run.js';
import { compileWhere } from './where.js';

export interface SuppressionInput {
  waivers: readonly Waiver[];
  /** Plan line of each waiver, by index. */
  waiverLine: (index: number) => number;
  /** Fingerprints of failures accepted when the baseline was written. */
  baseline?: ReadonlySet<string>;
  now: Date;
  warningDays: number;
}

/**
 * Applies plan waivers and the baseline to failures not already suppressed inline (only
 * failures are touched: a run's findings are enough).
 * Waived checks still ran: an expired waiver suppresses nothing and is marked on the
 * failures it would have covered, an unmatched waiver is reported.
 */
export function applySuppressions(results: readonly Result[], input: SuppressionInput): WaiverStatus[] {
  const compiled = input.waivers.map((waiver, index) => ({
    waiver,
    index,
    coversCheck: compileCheckPattern(waiver.check),
    coversTarget: compileWhere(waiver.where),
    daysLeft: waiver.expires === undefined ? undefined : daysBetween(input.now, parseDate(waiver.expires)),
    matched: 0,
  }));
  for (const result of results) {
    if (result.status !== 'fail' || result.suppression) continue;
    const waiver = compiled.find((w) => w.coversCheck(result.checkId) && w.coversTarget(result.target));
    if (waiver) {
      waiver.matched += 1;
      if (waiver.daysLeft !== undefined && waiver.daysLeft <= 0) {
        result.waiverExpired = waiver.waiver.expires;
        continue;
      }
      result.suppression = { by: 'waiver', reason: waiver.waiver.reason };
      if (waiver.waiver.owner) result.suppression.owner = waiver.waiver.owner;
      if (waiver.waiver.expires) result.suppression.expires = waiver.waiver.expires;
    } else if (input.baseline?.has(result.fingerprint)) {
      result.suppression = { by: 'baseline', reason: 'in the baseline' };
    }
  }
  return compiled.map(({ waiver, index, daysLeft, matched }) => {
    const status: WaiverStatus = { index, waiver, matched, line: input.waiverLine(index), state: 'active' };
    if (daysLeft !== undefined) status.daysLeft = daysLeft;
    if (daysLeft !== undefined && daysLeft <= 0) status.state = 'expired';
    else if (matched === 0) status.state = 'unmatched';
    else if (daysLeft !== undefined && daysLeft <= input.warningDays) status.state = 'expiring';
    return status;
  });
}

export function compileCheckPattern(pattern: string): (checkId: string) => boolean {
  if (pattern === '*') return () => true;
  if (pattern.endsWith('/*')) return (checkId) => checkId.startsWith(pattern.slice(0, -1));
  return (checkId) => checkId === pattern;
}
