import type { Bucket, Store } from '../monitor/store.js';

/**
 * Every monitor's current bucket of a tier (today, this hour), kept current between refreshes:
 * read whole when the bucket starts (the rollups and the raw samples they have not folded), then
 * only the raw samples recorded since the last read. A refresh at 10,000 monitors reads seconds
 * of samples, not the rollups and the ten minutes of samples the coarse tiers fold at a time.
 */
export class CurrentBucket {
  private state: { start: number; through: number; byMonitor: Map<string, Bucket> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly tier: 'hour' | 'day',
  ) {}

  async read(start: number, now: number): Promise<ReadonlyMap<string, Bucket>> {
    const state = this.state?.start === start ? this.state : undefined;
    const { buckets, through } = await this.store.bucketsFrom(this.tier, start, now, state?.through);
    const byMonitor = state?.byMonitor ?? new Map<string, Bucket>();
    for (const [monitor, list] of buckets)
      for (const bucket of list) {
        if (bucket.start !== start) continue;
        const held = byMonitor.get(monitor);
        byMonitor.set(monitor, held ? added(held, bucket) : bucket);
      }
    this.state = { start, through, byMonitor };
    return byMonitor;
  }
}

export function added(a: Bucket, b: Bucket): Bucket {
  const up = a.up + b.up;
  const sum = (a.meanMs ?? 0) * a.up + (b.meanMs ?? 0) * b.up;
  return { start: a.start, total: a.total + b.total, failed: a.failed + b.failed, maintenance: a.maintenance + b.maintenance, up, meanMs: up > 0 ? sum / up : null };
}
