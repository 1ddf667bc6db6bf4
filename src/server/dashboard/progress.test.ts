import { describe, expect, it } from 'vitest';
import type { VerifyRunRecord } from '../../monitor/store.js';
import { currentRegressions, itemsByStage, progressPoints } from './progress.js';

const item = (id: string, verdict: string, claimed = 'done', stage: string | null = 'now') => ({ id, title: `Item ${id}`, stage, claimed, verdict });
const run = (at: number, ...items: ReturnType<typeof item>[]): VerifyRunRecord => ({ at, items, counts: {} });

describe('the plan register\'s progress', () => {
  const runs = [
    run(1, item('A', 'verified'), item('B', 'stale-doc', 'open'), item('C', 'verified', 'done', null)),
    run(2, item('A', 'regression'), item('B', 'verified'), item('C', 'verified', 'done', null)),
    run(3, item('A', 'regression'), item('B', 'regression'), item('C', 'verified', 'done', null)),
  ];

  it('counts fixed items (claimed done and verified) of all, per run', () => {
    expect(progressPoints(runs)).toEqual([
      { at: 1, fixed: 2, total: 3, regressions: 0 },
      { at: 2, fixed: 2, total: 3, regressions: 1 },
      { at: 3, fixed: 1, total: 3, regressions: 2 },
    ]);
  });

  it('dates each current regression from the first run of its streak', () => {
    expect(currentRegressions(runs).map((regression) => [regression.id, regression.since])).toEqual([['A', 2], ['B', 3]]);
    expect(currentRegressions([])).toEqual([]);
  });

  it('groups the latest items by stage, unstaged last', () => {
    expect(itemsByStage(runs[2]).map((group) => [group.stage, group.items.map((i) => i.id)])).toEqual([['now', ['A', 'B']], [null, ['C']]]);
  });
});
