import type { Slo } from './schema.js';
import type { WindowSummary } from './store.js';

export interface SloStatus {
  monitor: string;
  /** Percent of samples that must be up, e.g. 99.9. */
  objective: number;
  /** The SLO's window in milliseconds, as in the plan. */
  window: number;
  /** Percent of samples up over the window; null when no sample outside maintenance was taken. */
  achieved: number | null;
  /** Fraction of the error budget left: 1 untouched, 0 spent, negative when overspent; null without samples. */
  budgetRemaining: number | null;
  /** Down samples the objective allows over the window (not rounded). */
  allowedFailures: number;
  /** Down samples outside maintenance. */
  failed: number;
}

/** Parts per billion of the samples the budget allows: integers keep "99.9%" from becoming 0.0999999…%. */
const PPB = 1e9;

/** Where an SLO stands over a window summary; maintenance samples count neither way. */
export function sloStatus(slo: Slo, summary: WindowSummary): SloStatus {
  const counted = summary.total - summary.maintenance;
  const failed = summary.failed;
  const budgetPpb = Math.round((100 - slo.objective) * (PPB / 100));
  const allowedTimesPpb = counted * budgetPpb;
  return {
    monitor: slo.monitor,
    objective: slo.objective,
    window: slo.window,
    achieved: counted > 0 ? ((counted - failed) * 100) / counted : null,
    budgetRemaining: allowedTimesPpb > 0 ? (allowedTimesPpb - failed * PPB) / allowedTimesPpb : null,
    allowedFailures: allowedTimesPpb / PPB,
    failed,
  };
}
