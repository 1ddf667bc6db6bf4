/**
 * A mergeable latency histogram: fixed log-spaced buckets, so histograms of any two spans add
 * bucket by bucket and a quantile of the merged span is off by at most one bucket (10%).
 * Bucket 0 holds [0, 100 µs); bucket i ≥ 1 holds [100·1.1^(i−1), 100·1.1^i) µs; the last bucket
 * holds everything from about 64 s up.
 */

const FIRST_US = 100;
const GROWTH = 1.1;
export const BUCKETS = 142;
const LOG_GROWTH = Math.log(GROWTH);

export type Histogram = Map<number, number>;

export function bucketOf(latencyUs: number): number {
  if (!(latencyUs >= FIRST_US)) return 0;
  const index = 1 + Math.floor(Math.log(latencyUs / FIRST_US) / LOG_GROWTH);
  return Math.min(index, BUCKETS - 1);
}

/** The bucket's bounds in µs; the last bucket's upper bound is Infinity. */
export function boundsOf(bucket: number): [number, number] {
  if (bucket === 0) return [0, FIRST_US];
  const upper = bucket === BUCKETS - 1 ? Infinity : FIRST_US * GROWTH ** bucket;
  return [FIRST_US * GROWTH ** (bucket - 1), upper];
}

export function add(histogram: Histogram, bucket: number, count = 1): void {
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
}

export function merge(into: Histogram, from: Histogram): void {
  for (const [bucket, count] of from) add(into, bucket, count);
}

/**
 * The q-quantile (0 < q ≤ 1) in µs: the geometric middle of the bucket holding the rank,
 * clamped to the observed minimum and maximum (exact for the first and last rank); null
 * for an empty histogram.
 */
export function quantile(histogram: Histogram, q: number, minUs: number, maxUs: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  if (rank >= total) return maxUs;
  if (rank === 1) return minUs;
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen < rank) continue;
    const [lower, upper] = boundsOf(bucket);
    const middle = bucket === 0 ? lower + upper / 2 : upper === Infinity ? maxUs : Math.sqrt(lower * upper);
    return Math.min(Math.max(middle, minUs), maxUs);
  }
  return maxUs;
}

/** Compact form: per non-empty bucket, its index (one byte) and its count (LEB128). */
export function encode(histogram: Histogram): Buffer {
  const bytes: number[] = [];
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    let count = histogram.get(bucket)!;
    if (count <= 0) continue;
    bytes.push(bucket);
    while (count >= 0x80) {
      bytes.push((count % 0x80) | 0x80);
      count = Math.floor(count / 0x80);
    }
    bytes.push(count);
  }
  return Buffer.from(bytes);
}

export function decode(bytes: Uint8Array | null | undefined, into: Histogram = new Map()): Histogram {
  if (!bytes) return into;
  let at = 0;
  while (at < bytes.length) {
    const bucket = bytes[at++]!;
    let count = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++]!;
      count += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    add(into, bucket, count);
  }
  return into;
}
