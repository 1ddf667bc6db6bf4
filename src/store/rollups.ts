import { sql, type Kysely, type Transaction } from 'kysely';
import { add, bucketOf, decode, encode, quantile, type Histogram } from './histogram.js';
import type { Engine } from './migrations.js';
import type { Retention, WindowSummary } from './store.js';
import type { RollupRow, RollupTable, Tables } from './tables.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Coarsest first. Every tier is folded straight from raw samples, so tiers never wait on each other. */
const TIERS: { table: RollupTable; size: number; retention: keyof Retention }[] = [
  { table: 'rollup_day', size: DAY, retention: 'day' },
  { table: 'rollup_hour', size: HOUR, retention: 'hour' },
  { table: 'rollup_minute', size: MINUTE, retention: 'minute' },
];

export const UP = 1;
export const MAINTENANCE = 2;

/** Raw samples with an id above it are not folded into any tier yet. */
const WATERMARK = 'rollup_watermark';
const CHUNK = 50_000;
const PRUNE_SCAN = 5000;
const IN_LIST = 1000;
const INSERT_ROWS = 1000;

type Db = Kysely<Tables>;

interface Aggregate {
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

function empty(monitorId: number, start: number): Aggregate {
  return { monitorId, start, total: 0, failed: 0, maintenance: 0, up: 0, sumUs: 0, minUs: null, maxUs: null, hist: new Map() };
}

function addSample(into: Aggregate, flags: number, latencyUs: number): void {
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

function addRow(into: Aggregate, row: RollupRow): void {
  into.total += row.total;
  into.failed += row.failed;
  into.maintenance += row.maintenance;
  into.up += row.up;
  into.sumUs += Number(row.latency_sum_us);
  if (row.latency_min_us !== null) into.minUs = into.minUs === null ? row.latency_min_us : Math.min(into.minUs, row.latency_min_us);
  if (row.latency_max_us !== null) into.maxUs = into.maxUs === null ? row.latency_max_us : Math.max(into.maxUs, row.latency_max_us);
  decode(row.hist, into.hist);
}

function toRow(aggregate: Aggregate): RollupRow {
  return {
    monitor_id: aggregate.monitorId,
    start: aggregate.start,
    total: aggregate.total,
    failed: aggregate.failed,
    maintenance: aggregate.maintenance,
    up: aggregate.up,
    latency_sum_us: aggregate.sumUs,
    latency_min_us: aggregate.minUs,
    latency_max_us: aggregate.maxUs,
    hist: encode(aggregate.hist),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function watermark(db: Db | Transaction<Tables>): Promise<number> {
  const row = await db.selectFrom('store_meta').select('value').where('key', '=', WATERMARK).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * Folds up to CHUNK raw samples past the watermark into every tier and moves the watermark,
 * in one transaction: a crash leaves either all of it or none. True when more samples wait.
 */
async function foldChunk(db: Db, engine: Engine): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // PostgreSQL: wait for commits in flight and keep two compactions from folding the same ids.
    if (engine === 'postgres') await sql`lock table samples in share row exclusive mode`.execute(trx);
    const from = await watermark(trx);
    const samples = await trx
      .selectFrom('samples')
      .select(['id', 'monitor_id', 'at', 'flags', 'latency_us'])
      .where('id', '>', from)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (samples.length === 0) return false;
    for (const tier of TIERS) {
      const aggregates = new Map<string, Aggregate>();
      for (const sample of samples) {
        const start = Math.floor(Number(sample.at) / tier.size) * tier.size;
        const key = `${sample.monitor_id}:${start}`;
        let aggregate = aggregates.get(key);
        if (!aggregate) aggregates.set(key, (aggregate = empty(sample.monitor_id, start)));
        addSample(aggregate, sample.flags, sample.latency_us);
      }
      const starts = [...new Set([...aggregates.values()].map((a) => a.start))];
      for (const list of chunks(starts, IN_LIST)) {
        for (const row of await trx.selectFrom(tier.table).selectAll().where('start', 'in', list).execute()) {
          const aggregate = aggregates.get(`${row.monitor_id}:${Number(row.start)}`);
          if (aggregate) addRow(aggregate, row);
        }
      }
      // In key order: the B-tree fills pages as it would by appending.
      const sorted = [...aggregates.values()].sort((a, b) => a.start - b.start || a.monitorId - b.monitorId);
      for (const rows of chunks(sorted.map(toRow), INSERT_ROWS)) {
        await trx
          .insertInto(tier.table)
          .values(rows)
          .onConflict((conflict) =>
            conflict.columns(['start', 'monitor_id']).doUpdateSet((eb) => ({
              total: eb.ref('excluded.total'),
              failed: eb.ref('excluded.failed'),
              maintenance: eb.ref('excluded.maintenance'),
              up: eb.ref('excluded.up'),
              latency_sum_us: eb.ref('excluded.latency_sum_us'),
              latency_min_us: eb.ref('excluded.latency_min_us'),
              latency_max_us: eb.ref('excluded.latency_max_us'),
              hist: eb.ref('excluded.hist'),
            })),
          )
          .execute();
      }
    }
    const to = samples[samples.length - 1]!.id;
    await trx
      .insertInto('store_meta')
      .values({ key: WATERMARK, value: to })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: to }))
      .execute();
    return samples.length === CHUNK;
  });
}

/**
 * Deletes folded raw samples older than the cutoff, walking ids from the oldest (no index on
 * time needed) until a stretch of PRUNE_SCAN rows holds none old enough: a sample stamped in
 * the future by a clock jump stays a while but does not stop the pruning behind it.
 */
async function pruneRaw(db: Db, cutoff: number): Promise<void> {
  const folded = await watermark(db);
  for (let cursor = 0; ; ) {
    const rows = await db.selectFrom('samples').select(['id', 'at']).where('id', '>', cursor).where('id', '<=', folded).orderBy('id').limit(PRUNE_SCAN).execute();
    const old = rows.filter((row) => Number(row.at) < cutoff);
    if (old.length > 0) await db.deleteFrom('samples').where('id', '>=', old[0]!.id).where('id', '<=', old.at(-1)!.id).where('at', '<', cutoff).execute();
    if (old.length === 0 || rows.length < PRUNE_SCAN) return;
    cursor = rows.at(-1)!.id;
  }
}

export async function compact(db: Db, engine: Engine, now: number, retention: Retention): Promise<void> {
  while (await foldChunk(db, engine));
  await pruneRaw(db, now - retention.raw);
  for (const tier of TIERS) await db.deleteFrom(tier.table).where('start', '<', now - retention[tier.retention] - tier.size).execute();
}

type Piece = { table: RollupTable | 'samples'; from: number; to: number };

/** [from, to) as whole days, then whole hours, then whole minutes, then raw samples at the edges. */
export function cover(from: number, to: number, level = 0): Piece[] {
  if (from >= to) return [];
  const tier = TIERS[level];
  if (!tier) return [{ table: 'samples', from, to }];
  const start = Math.ceil(from / tier.size) * tier.size;
  const end = Math.floor(to / tier.size) * tier.size;
  if (start >= end) return cover(from, to, level + 1);
  return [...cover(from, start, level + 1), { table: tier.table, from: start, to: end }, ...cover(end, to, level + 1)];
}

/** The first ms of each bucket of `size` in [from, to). */
function startsOf(from: number, to: number, size: number): number[] {
  const starts: number[] = [];
  for (let start = from; start < to; start += size) starts.push(start);
  return starts;
}

/**
 * Sums [since, now) per monitor (one; or all, with the span rounded out to whole minutes), reading one
 * snapshot: rollups for the folded part, raw samples for the edges and for what is not folded yet.
 */
export async function summarize(trx: Transaction<Tables>, monitorId: number | undefined, since: number, now: number): Promise<Map<number, WindowSummary>> {
  if (monitorId === undefined) {
    // Whole minutes, so no raw edge needs a scan by time over every monitor's samples.
    since = Math.floor(since / MINUTE) * MINUTE;
    now = Math.ceil(now / MINUTE) * MINUTE;
  }
  const folded = await watermark(trx);
  const totals = new Map<number, Aggregate>();
  const totalOf = (id: number) => {
    let total = totals.get(id);
    if (!total) totals.set(id, (total = empty(id, since)));
    return total;
  };
  const raw = (from: number, to: number) => {
    let query = trx.selectFrom('samples').select(['monitor_id', 'flags', 'latency_us']).where('at', '>=', from).where('at', '<', to);
    if (monitorId !== undefined) query = query.where('monitor_id', '=', monitorId);
    return query;
  };
  for (const piece of cover(since, now)) {
    if (piece.table === 'samples') {
      for (const row of await raw(piece.from, piece.to).where('id', '<=', folded).execute()) addSample(totalOf(row.monitor_id), row.flags, row.latency_us);
      continue;
    }
    const size = TIERS.find((tier) => tier.table === piece.table)!.size;
    // Start first in the key: one monitor's rows are point lookups by start, all monitors' a range.
    const lists = monitorId === undefined ? [undefined] : chunks(startsOf(piece.from, piece.to, size), IN_LIST);
    for (const list of lists) {
      let query = trx.selectFrom(piece.table).selectAll();
      query = list ? query.where('start', 'in', list).where('monitor_id', '=', monitorId!) : query.where('start', '>=', piece.from).where('start', '<', piece.to);
      for (const row of await query.execute()) addRow(totalOf(row.monitor_id), row);
    }
  }
  for (const row of await raw(since, now).where('id', '>', folded).execute()) addSample(totalOf(row.monitor_id), row.flags, row.latency_us);
  const summaries = new Map<number, WindowSummary>();
  for (const [id, total] of totals) {
    const at = (q: number) => {
      const us = quantile(total.hist, q, total.minUs ?? 0, total.maxUs ?? 0);
      return us === null ? null : us / 1000;
    };
    summaries.set(id, { total: total.total, failed: total.failed, maintenance: total.maintenance, p50: at(0.5), p95: at(0.95), p99: at(0.99) });
  }
  return summaries;
}
