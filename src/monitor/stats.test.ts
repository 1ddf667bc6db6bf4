import { describe, expect, it } from 'vitest';
import { DaemonStats } from './stats.js';

describe('DaemonStats schedule lag', () => {
  it('gives quantiles over the last 8,192 lags, or over those since a mark', () => {
    const stats = new DaemonStats();
    expect(stats.lagQuantile(0.99)).toBe(0);
    for (let i = 0; i < 9000; i++) stats.lag(i < 900 ? 5000 : 1);
    // The ring kept the last 8,192: 92 of the 900 slow ones.
    expect(stats.lagQuantile(0.99)).toBe(5000);
    const mark = stats.lagMark;
    expect(stats.lagQuantile(0.99, mark)).toBe(0);
    for (let i = 0; i < 200; i++) stats.lag(i === 0 ? 300 : 2);
    expect(stats.lagQuantile(0.99, mark)).toBe(2);
    expect(stats.lagQuantile(1, mark)).toBe(300);
  });
});
