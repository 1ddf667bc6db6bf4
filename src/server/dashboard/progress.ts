import type { VerifyItemRecord, VerifyRunRecord } from '../../monitor/store.js';

/** One recorded run on the burn-down: items claimed done that verify, of all items. */
export interface ProgressPoint {
  at: number;
  fixed: number;
  total: number;
  regressions: number;
}

/** Fixed: claimed done, and its checks agree. */
export const isFixed = (item: VerifyItemRecord): boolean => item.claimed === 'done' && item.verdict === 'verified';

export function progressPoints(runs: readonly VerifyRunRecord[]): ProgressPoint[] {
  return runs.map((run) => ({ at: run.at, fixed: run.items.filter(isFixed).length, total: run.items.length, regressions: run.items.filter((item) => item.verdict === 'regression').length }));
}

export interface Regression extends VerifyItemRecord {
  /** The first run of the unbroken streak of runs in which it is a regression. */
  since: number;
}

/** The latest run's regressions, each with the run it appeared in. */
export function currentRegressions(runs: readonly VerifyRunRecord[]): Regression[] {
  const latest = runs.at(-1);
  if (!latest) return [];
  return latest.items
    .filter((item) => item.verdict === 'regression')
    .map((item) => {
      let since = latest.at;
      for (let i = runs.length - 2; i >= 0; i--) {
        const before = runs[i]!.items.find((other) => other.id === item.id);
        if (before?.verdict !== 'regression') break;
        since = runs[i]!.at;
      }
      return { ...item, since };
    });
}

/** The latest run's items grouped by stage, in the order stages first appear; items without a stage last. */
export function itemsByStage(run: VerifyRunRecord | undefined): { stage: string | null; items: VerifyItemRecord[] }[] {
  const groups = new Map<string | null, VerifyItemRecord[]>();
  for (const item of run?.items ?? []) if (item.stage !== null) groups.set(item.stage, [...(groups.get(item.stage) ?? []), item]);
  const unstaged = run?.items.filter((item) => item.stage === null) ?? [];
  if (unstaged.length > 0) groups.set(null, unstaged);
  return [...groups].map(([stage, items]) => ({ stage, items }));
}
