import type { Kysely, Transaction } from 'kysely';
import { add, bucketOf, decode, encode, type Histogram } from './histogram.js';
import type { Retention } from '../monitor/store.js';
import type { RollupRow, RollupTable, Tables } from './tables.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Sample flags (samples.flags). */
export const UP = 1;
export const MAINTENANCE = 2;

export interface Tier {
  table: RollupTable;
  size: number;
  retention: keyof Retention;
  /**
   * How often compaction folds new raw samples into it. Every fold rewrites the tier's
   * current bucket of every monitor, so the coarse tiers fold less often; what they have not
   * folded yet is read from the raw samples, which are kept until every tier has them.
   */
  foldEveryMs: number;
}

/** Coarsest first. Each tier folds straight from raw samples, behind its own watermark. */
export const TIERS: Tier[] = [
  { table: 'rollup_day', size: DAY, retention: 'day', foldEveryMs: 10 * MINUTE },
  { table: 'rollup_hour', size: HOUR, retention: 'hour', foldEveryMs: 10 * MINUTE },
  { table: 'rollup_minute', size: MINUTE, retention: 'minute', foldEveryMs: 0 },
];

export type Reader = Kysely<Tables> | Transaction<Tables>;

/** Raw samples with an id above a tier's watermark are not folded into that tier yet. */
export async function watermarks(db: Reader): Promise<Record<RollupTable, number>> {
  const rows = await db.selectFrom('store_meta').select(['key', 'value']).where('key', 'like', 'watermark:%').execute();
  const found = new Map(rows.map((row) => [row.key, Number(row.value)]));
  return Object.fromEntries(TIERS.map((tier) => [tier.table, found.get(`watermark:${tier.table}`) ?? 0])) as Record<RollupTable, number>;
}

export interface Aggregate {
  monitorId: number;
  start: number;
  total: number;
  failed: number;
  maintenance: number;
  up: number;
  sumUs: number;
  minUs: number | null;
  maxUs: number | null;
  hist: Histogram;
}

export function empty(monitorId: number, start: number): Aggregate {
  return { monitorId, start, total: 0, failed: 0, maintenance: 0, up: 0, sumUs: 0, minUs: null, maxUs: null, hist: new Map() };
}

export function addSample(into: Aggregate, flags: number, latencyUs: number): void {
  into.total++;
  if (flags & MAINTENANCE) into.maintenance++;
  if (flags & UP) {
    into.up++;
    into.sumUs += latencyUs;
    into.minUs = into.minUs === null ? latencyUs : Math.min(into.minUs, latencyUs);
    into.maxUs = into.maxUs === null ? latencyUs : Math.max(into.maxUs, latencyUs);
    add(into.hist, bucketOf(latencyUs));
  } else if (!(flags & MAINTENANCE)) into.failed++;
}

export function addRow(into: Aggregate, row: RollupRow): void {
  if (row.up === 1 && row.latency_min_us === null) {
    // toRow's short form of one up sample: its latency is the sum.
    addSample(into, UP, Number(row.latency_sum_us));
    into.total += row.total - 1;
    into.failed += row.failed;
    into.maintenance += row.maintenance;
    return;
  }
  into.total += row.total;
  into.failed += row.failed;
  into.maintenance += row.maintenance;
  into.up += row.up;
  into.sumUs += Number(row.latency_sum_us);
  if (row.latency_min_us !== null) into.minUs = into.minUs === null ? row.latency_min_us : Math.min(into.minUs, row.latency_min_us);
  if (row.latency_max_us !== null) into.maxUs = into.maxUs === null ? row.latency_max_us : Math.max(into.maxUs, row.latency_max_us);
  decode(row.hist, into.hist);
}

const NO_BYTES = Buffer.alloc(0);

/** One up sample (most minute rows at 60 s intervals) leaves min, max and histogram out: the sum says it all. */
export function toRow(aggregate: Aggregate): RollupRow {
  const one = aggregate.up === 1;
  return {
    monitor_id: aggregate.monitorId,
    start: aggregate.start,
    total: aggregate.total,
    failed: aggregate.failed,
    maintenance: aggregate.maintenance,
    up: aggregate.up,
    latency_sum_us: aggregate.sumUs,
    latency_min_us: one ? null : aggregate.minUs,
    latency_max_us: one ? null : aggregate.maxUs,
    hist: one ? NO_BYTES : encode(aggregate.hist),
  };
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
