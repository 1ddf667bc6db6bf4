/**
 * Statistics for the login-timing probe: is one account's response time distribution
 * shifted from another's? Rank-based (Mann-Whitney U) on samples with the slow tail
 * trimmed, because network and scheduler noise is one-sided (delays only ever add), and
 * the shift estimated with Hodges-Lehmann and a distribution-free confidence interval.
 */

/** A small seeded PRNG (mulberry32): reproducible interleaving orders and synthetic samples. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drops the largest `fraction` of the values (at least none, never all). */
export function trimUpper(values: readonly number[], fraction: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const keep = Math.max(1, sorted.length - Math.floor(sorted.length * fraction));
  return sorted.slice(0, keep);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Standard normal CDF, through erfc (Numerical Recipes erfcc: relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface MannWhitney {
  /** U of the first sample: the number of (a, b) pairs with a > b, ties counting one half. */
  u: number;
  z: number;
  /** Two-sided p-value (normal approximation with tie and continuity corrections). */
  p: number;
}

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitney {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return { u: Number.NaN, z: 0, p: 1 };
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort((x, y) => x.value - y.value);
  const total = all.length;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j + 1 < total && all[j + 1]!.value === all[i]!.value) j++;
    const rank = (i + j + 2) / 2;
    const ties = j - i + 1;
    if (ties > 1) tieTerm += ties ** 3 - ties;
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSumA += rank;
    i = j + 1;
  }
  const u = rankSumA - (m * (m + 1)) / 2;
  const mean = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return { u, z: 0, p: 1 };
  const deviation = u - mean;
  const z = (deviation - Math.sign(deviation) * 0.5) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

export interface ShiftEstimate {
  /** Hodges-Lehmann estimate of the shift a − b: the median of all pairwise differences. */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

/** At most this many values per sample enter the pairwise differences (an even-stride subsample beyond). */
const MAX_HL_SAMPLE = 1000;

/** Hodges-Lehmann shift with the distribution-free confidence interval from the U distribution (normal approximation). */
export function hodgesLehmann(a: readonly number[], b: readonly number[], confidence = 0.95): ShiftEstimate {
  const xs = subsample(a, MAX_HL_SAMPLE);
  const ys = subsample(b, MAX_HL_SAMPLE);
  const m = xs.length;
  const n = ys.length;
  const differences = new Float64Array(m * n);
  let index = 0;
  for (const x of xs) for (const y of ys) differences[index++] = x - y;
  differences.sort();
  const count = differences.length;
  const estimate = count % 2 ? differences[(count - 1) / 2]! : (differences[count / 2 - 1]! + differences[count / 2]!) / 2;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const k = Math.max(1, Math.floor((m * n) / 2 - z * Math.sqrt((m * n * (m + n + 1)) / 12)));
  return { estimate, low: differences[k - 1]!, high: differences[count - k]!, confidence };
}

function subsample(values: readonly number[], limit: number): readonly number[] {
  if (values.length <= limit) return values;
  const step = values.length / limit;
  return Array.from({ length: limit }, (_, i) => values[Math.floor(i * step)]!);
}

export interface TimingComparison {
  /** Samples per side after trimming. */
  samples: number;
  p: number;
  /** Shift known − unknown in ms, with its CI at the look's confidence. */
  shift: ShiftEstimate;
  medianA: number;
  medianB: number;
}

export interface ComparisonOptions {
  /** The slow tail dropped from each sample before testing (default 10%). */
  trim: number;
  /** The significance level of this comparison (the CI has confidence 1 − alpha). */
  alpha: number;
}

export function compareTimings(a: readonly number[], b: readonly number[], options: ComparisonOptions): TimingComparison {
  const ta = trimUpper(a, options.trim);
  const tb = trimUpper(b, options.trim);
  return {
    samples: Math.min(ta.length, tb.length),
    p: mannWhitneyU(ta, tb).p,
    shift: hodgesLehmann(ta, tb, 1 - options.alpha),
    medianA: median(a),
    medianB: median(b),
  };
}

export type SequentialDecision = 'different' | 'equivalent' | 'continue';

/**
 * A group-sequential plan: a look every `every` pairs and at the budget's end, each at
 * alpha / looks (Bonferroni), so the chance of a false alarm over all looks stays ≤ alpha.
 * A look stops the test when the shift is significant and at least `minEffect` in size
 * (different), or when its whole confidence interval lies within ±minEffect (equivalent).
 */
export class SequentialPlan {
  readonly looks: number;
  readonly alphaPerLook: number;

  constructor(
    readonly maxPairs: number,
    readonly every: number,
    readonly alpha: number,
    readonly minEffect: number,
    readonly trim = 0.1,
  ) {
    this.looks = Math.max(1, Math.ceil(maxPairs / every));
    this.alphaPerLook = alpha / this.looks;
  }

  /** Whether a look is due after `pairs` pairs. */
  isLook(pairs: number): boolean {
    return pairs > 0 && (pairs % this.every === 0 || pairs >= this.maxPairs);
  }

  decide(a: readonly number[], b: readonly number[]): { decision: SequentialDecision; comparison: TimingComparison } {
    const comparison = compareTimings(a, b, { trim: this.trim, alpha: this.alphaPerLook });
    const { shift, p } = comparison;
    if (p < this.alphaPerLook && Math.abs(shift.estimate) >= this.minEffect && (shift.low > 0 || shift.high < 0)) return { decision: 'different', comparison };
    if (shift.low > -this.minEffect && shift.high < this.minEffect) return { decision: 'equivalent', comparison };
    return { decision: 'continue', comparison };
  }
}
