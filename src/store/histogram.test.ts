import { describe, expect, it } from 'vitest';
import { add, boundsOf, bucketOf, BUCKETS, decode, encode, merge, quantile, type Histogram } from './histogram.js';

describe('latency histogram', () => {
  it('has log-spaced buckets from 100 µs to about 64 s, 10% wide', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(99)).toBe(0);
    expect(bucketOf(100)).toBe(1);
    expect(bucketOf(110.5)).toBe(2);
    expect(bucketOf(60_000_000)).toBe(BUCKETS - 2);
    expect(bucketOf(3_600_000_000)).toBe(BUCKETS - 1);
    for (const us of [150, 1_000, 12_345, 500_000, 9_999_999]) {
      const [lower, upper] = boundsOf(bucketOf(us));
      expect(us).toBeGreaterThanOrEqual(lower);
      expect(us).toBeLessThan(upper);
      expect(upper / lower).toBeCloseTo(1.1, 6);
    }
  });

  it('round-trips through its compact encoding, counts above 127 included', () => {
    const histogram: Histogram = new Map([[0, 1], [17, 300], [141, 70_000]]);
    const bytes = encode(histogram);
    expect(bytes.length).toBe(2 + 3 + 4);
    expect(decode(bytes)).toEqual(histogram);
    expect(decode(null)).toEqual(new Map());
  });

  it('merges bucket by bucket, and quantiles of the merge stay within one bucket of the exact value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) * 1000); // 1..1000 ms in µs
    const a: Histogram = new Map();
    const b: Histogram = new Map();
    values.forEach((v, i) => add(i % 2 ? a : b, bucketOf(v)));
    merge(a, b);
    for (const [q, exact] of [[0.5, 500_000], [0.95, 950_000], [0.99, 990_000]] as const) {
      const estimate = quantile(a, q, 1000, 1_000_000)!;
      expect(estimate / exact).toBeGreaterThanOrEqual(1 / 1.1);
      expect(estimate / exact).toBeLessThanOrEqual(1.1);
    }
    expect(quantile(a, 1, 1000, 1_000_000)).toBe(1_000_000);
    expect(quantile(new Map(), 0.5, 0, 0)).toBeNull();
  });
});
