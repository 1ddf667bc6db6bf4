import { describe, expect, it } from 'vitest';
import { compareTimings, hodgesLehmann, mannWhitneyU, median, normalCdf, normalQuantile, SequentialPlan, seededRandom, trimUpper } from './timing-stats.js';

/** Loopback-like latencies: a floor, exponential jitter, and rare large stalls (GC, scheduling). */
function latencies(random: () => number, count: number, baseMs: number, shiftMs = 0, jitterMs = 0.15): number[] {
  return Array.from({ length: count }, () => {
    const jitter = -Math.log(1 - random()) * jitterMs;
    const stall = random() < 0.03 ? 5 + random() * 20 : 0;
    return baseMs + shiftMs + jitter + stall;
  });
}

describe('normal distribution', () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 5);
    expect(normalQuantile(0.9999)).toBeCloseTo(3.719016, 5);
  });
});

describe('Mann-Whitney U', () => {
  it('computes U with average ranks for ties', () => {
    // a > b pairs: 3>1,3>2,5>1,5>2,5>3(b) = 5, plus ties 3=3 count 0.5 → 5.5
    expect(mannWhitneyU([3, 5], [1, 2, 3]).u).toBe(5.5);
  });

  it('agrees with a textbook p-value', () => {
    // Two clearly separated groups of 10: U = 100, z ≈ 3.74, p ≈ 0.00018.
    const result = mannWhitneyU([11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.u).toBe(100);
    expect(result.p).toBeGreaterThan(0.00015);
    expect(result.p).toBeLessThan(0.00025);
  });

  it('gives p = 1 for identical constant samples', () => {
    expect(mannWhitneyU([1, 1, 1], [1, 1]).p).toBe(1);
  });
});

describe('Hodges-Lehmann', () => {
  it('estimates a pure shift exactly', () => {
    const b = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const shifted = hodgesLehmann(b.map((x) => x + 2.5), b, 0.95);
    expect(shifted.estimate).toBe(2.5);
    expect(shifted.low).toBeLessThan(2.5);
    expect(shifted.high).toBeGreaterThan(2.5);
  });

  it('covers the true shift of noisy samples', () => {
    const random = seededRandom(7);
    const result = hodgesLehmann(latencies(random, 300, 1, 2), latencies(random, 300, 1), 0.99);
    expect(result.low).toBeLessThan(2);
    expect(result.high).toBeGreaterThan(2);
    expect(result.estimate).toBeCloseTo(2, 1);
  });
});

describe('helpers', () => {
  it('trims the slow tail and takes medians', () => {
    expect(trimUpper([5, 1, 100, 2, 3, 4, 6, 7, 8, 9], 0.1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(trimUpper([1], 0.5)).toEqual([1]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('reproduces the same stream from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('compareTimings and the sequential plan', () => {
  it('detects a 2 ms shift in 50 pairs of noisy samples', () => {
    const random = seededRandom(1);
    const comparison = compareTimings(latencies(random, 50, 1, 2), latencies(random, 50, 1), { trim: 0.1, alpha: 0.0025 });
    expect(comparison.p).toBeLessThan(1e-6);
    expect(comparison.shift.estimate).toBeGreaterThan(1.5);
    expect(comparison.shift.estimate).toBeLessThan(2.5);
  });

  it('splits alpha over its looks', () => {
    const plan = new SequentialPlan(198, 50, 0.01, 0.5);
    expect(plan.looks).toBe(4);
    expect(plan.alphaPerLook).toBe(0.0025);
    expect([50, 99, 100, 198].map((pairs) => plan.isLook(pairs))).toEqual([true, false, true, true]);
  });

  it('decides different for a shift, equivalent for none', () => {
    const plan = new SequentialPlan(200, 50, 0.01, 0.5);
    const random = seededRandom(3);
    expect(plan.decide(latencies(random, 50, 1, 2), latencies(random, 50, 1)).decision).toBe('different');
    expect(plan.decide(latencies(random, 50, 1), latencies(random, 50, 1)).decision).toBe('equivalent');
  });

  it('keeps going while a small shift is neither clear nor excluded', () => {
    const plan = new SequentialPlan(200, 50, 0.01, 0.5);
    const random = seededRandom(5);
    // A 0.3 ms shift under 1 ms of jitter: at 50 pairs its CI straddles the 0.5 ms bound.
    const result = plan.decide(latencies(random, 50, 1, 0.3, 1), latencies(random, 50, 1, 0, 1));
    expect(result.comparison.shift.low).toBeLessThan(0.5);
    expect(result.comparison.shift.high).toBeGreaterThan(0.5);
    expect(result.decision).toBe('continue');
  });

  it('raises a false alarm on equal distributions in at most ~alpha of runs', () => {
    const random = seededRandom(11);
    let alarms = 0;
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      const plan = new SequentialPlan(200, 50, 0.01, 0.5);
      const a: number[] = [];
      const b: number[] = [];
      for (let pairs = 1; pairs <= plan.maxPairs; pairs++) {
        a.push(...latencies(random, 1, 1));
        b.push(...latencies(random, 1, 1));
        if (!plan.isLook(pairs)) continue;
        const { decision } = plan.decide(a, b);
        if (decision === 'different') alarms += 1;
        if (decision !== 'continue') break;
      }
    }
    expect(alarms / runs).toBeLessThanOrEqual(0.01);
  });
});
