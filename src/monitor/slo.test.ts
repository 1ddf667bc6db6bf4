import { describe, expect, it } from 'vitest';
import { sloSchema } from './schema.js';
import type { WindowSummary } from './store.js';
import { sloStatus } from './slo.js';

function summary(total: number, failed: number, maintenance = 0): WindowSummary {
  return { total, failed, maintenance, p50: null, p95: null, p99: null };
}
const slo = (objective: string | number, window = '30d') => sloSchema.parse({ monitor: 'api-health', objective, window });

describe('sloStatus', () => {
  it('spends the budget a failure at a time', () => {
    // 30 days at one sample a minute: 99.9% allows 43.2 down samples.
    expect(sloStatus(slo('99.9%'), summary(43_200, 10))).toEqual({
      monitor: 'api-health',
      objective: 99.9,
      window: 2_592_000_000,
      achieved: 99.97685185185185,
      budgetRemaining: 0.7685185185185185,
      allowedFailures: 43.2,
      failed: 10,
    });
  });

  it('leaves maintenance samples out of both sides', () => {
    expect(sloStatus(slo('99.9%'), summary(1030, 1, 30))).toMatchObject({ achieved: 99.9, allowedFailures: 1, failed: 1, budgetRemaining: 0 });
  });

  it('goes negative when the budget is overspent', () => {
    expect(sloStatus(slo('99.9%'), summary(1000, 3))).toMatchObject({ achieved: 99.7, allowedFailures: 1, budgetRemaining: -2 });
  });

  it('reads objectives written as numbers and with more nines', () => {
    expect(sloStatus(slo(99, '1d'), summary(200, 1))).toMatchObject({ objective: 99, window: 86_400_000, achieved: 99.5, allowedFailures: 2, budgetRemaining: 0.5 });
    expect(sloStatus(slo('99.99%'), summary(100_000, 5))).toMatchObject({ achieved: 99.995, allowedFailures: 10, budgetRemaining: 0.5 });
    expect(sloStatus(slo('95%'), summary(10, 0))).toMatchObject({ achieved: 100, allowedFailures: 0.5, budgetRemaining: 1 });
  });

  it('says nothing without samples outside maintenance', () => {
    expect(sloStatus(slo('99.9%'), summary(0, 0))).toMatchObject({ achieved: null, budgetRemaining: null, allowedFailures: 0, failed: 0 });
    expect(sloStatus(slo('99.9%'), summary(5, 0, 5))).toMatchObject({ achieved: null, budgetRemaining: null, allowedFailures: 0, failed: 0 });
  });
});
