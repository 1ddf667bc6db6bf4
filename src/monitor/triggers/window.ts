/** Samples kept per trigger at most; past it the oldest go first, so the window is shorter than written. */
export const TRIGGER_MAX_SAMPLES = 8192;

/**
 * The samples of one trigger's window, exact: a ring of (time, latency, ok) in arrival order and the
 * up latencies kept sorted, so quantiles are read directly and each sample costs one binary search
 * and one memmove of the sorted array.
 */
export class Window {
  private times = new Float64Array(16);
  private latencies = new Float64Array(16);
  private oks = new Uint8Array(16);
  private head = 0;
  size = 0;
  /** Latencies of the up samples in the window, ascending, in sorted[0..up). */
  private sorted = new Float64Array(16);
  up = 0;
  private newest = -Infinity;

  push(at: number, latencyMs: number, ok: boolean): void {
    if (this.size === TRIGGER_MAX_SAMPLES) this.shift();
    if (this.size === this.times.length) this.grow();
    const slot = (this.head + this.size) % this.times.length;
    // A sample older than the newest is kept as of the newest, so the ring stays in time order.
    this.newest = Math.max(this.newest, at);
    this.times[slot] = this.newest;
    this.latencies[slot] = latencyMs;
    this.oks[slot] = ok ? 1 : 0;
    this.size++;
    if (ok) this.insertSorted(latencyMs);
  }

  /** Drops samples taken at or before `cutoff`; whether any went. */
  evict(cutoff: number): boolean {
    const before = this.size;
    while (this.size > 0 && this.times[this.head]! <= cutoff) this.shift();
    return this.size !== before;
  }

  /** Nearest rank: the smallest latency with at least `percent`% of the window at or below it. */
  percentile(percent: number): number {
    return this.sorted[Math.max(0, Math.ceil((percent * this.up) / 100) - 1)]!;
  }

  max(): number {
    return this.sorted[this.up - 1]!;
  }

  average(): number {
    let sum = 0;
    for (let i = 0; i < this.up; i++) sum += this.sorted[i]!;
    return sum / this.up;
  }

  private shift(): void {
    if (this.oks[this.head]) this.removeSorted(this.latencies[this.head]!);
    this.head = (this.head + 1) % this.times.length;
    this.size--;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, TRIGGER_MAX_SAMPLES);
    const times = new Float64Array(capacity);
    const latencies = new Float64Array(capacity);
    const oks = new Uint8Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.times.length;
      times[i] = this.times[from]!;
      latencies[i] = this.latencies[from]!;
      oks[i] = this.oks[from]!;
    }
    const sorted = new Float64Array(capacity);
    sorted.set(this.sorted.subarray(0, this.up));
    [this.times, this.latencies, this.oks, this.sorted, this.head] = [times, latencies, oks, sorted, 0];
  }

  private insertSorted(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.up);
    this.sorted[at] = value;
    this.up++;
  }

  private removeSorted(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at, at + 1, this.up);
    this.up--;
  }

  private lowerBound(value: number): number {
    let low = 0;
    let high = this.up;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
