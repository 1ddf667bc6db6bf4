import { sql, type Kysely } from 'kysely';
import { addRow, addSample, chunks, empty, TIERS, toRow, watermarks, type Aggregate, type Tier } from './aggregate.js';
import type { Engine } from './migrations.js';
import type { Retention } from '../monitor/store.js';
import type { Tables } from './tables.js';

/**
 * Raw samples folded per transaction. Small on purpose: with SQLite a transaction holds the
 * process's only connection and runs synchronously, so a chunk is time the daemon cannot
 * probe; between chunks compaction yields to the event loop.
 */
const CHUNK = 5_000;
const PRUNE_SCAN = 5000;
const IN_LIST = 1000;
const INSERT_ROWS = 1000;

type Db = Kysely<Tables>;

/**
 * Folds up to CHUNK raw samples past the tier's watermark into it and moves the watermark, in
 * one transaction: a crash leaves either all of it or none. True when more samples wait.
 */
async function foldChunk(db: Db, engine: Engine, tier: Tier): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // PostgreSQL: wait for commits in flight and keep two compactions from folding the same ids.
    if (engine === 'postgres') await sql`lock table samples in share row exclusive mode`.execute(trx);
    const from = (await watermarks(trx))[tier.table];
    const samples = await trx.selectFrom('samples').select(['id', 'monitor_id', 'at', 'flags', 'latency_us']).where('id', '>', from).orderBy('id').limit(CHUNK).execute();
    if (samples.length === 0) return false;
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
    await setMeta(trx, `watermark:${tier.table}`, samples.at(-1)!.id);
    return samples.length === CHUNK;
  });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function setMeta(db: Pick<Db, 'insertInto'>, key: string, value: number): Promise<void> {
  await db
    .insertInto('store_meta')
    .values({ key, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}

async function foldDue(db: Db, tier: Tier, now: number): Promise<boolean> {
  if (tier.foldEveryMs === 0) return true;
  const row = await db.selectFrom('store_meta').select('value').where('key', '=', `folded_at:${tier.table}`).executeTakeFirst();
  const last = row ? Number(row.value) : undefined;
  return last === undefined || now - last >= tier.foldEveryMs || now < last;
}

/**
 * Deletes raw samples every tier has folded and that are older than the cutoff, walking ids
 * from the oldest (no index on time needed) until a stretch of PRUNE_SCAN rows holds none old
 * enough: a sample stamped in the future by a clock jump stays a while but does not stop the
 * pruning behind it.
 */
async function pruneRaw(db: Db, cutoff: number): Promise<void> {
  const folded = Math.min(...Object.values(await watermarks(db)));
  for (let cursor = 0; ; ) {
    const rows = await db.selectFrom('samples').select(['id', 'at']).where('id', '>', cursor).where('id', '<=', folded).orderBy('id').limit(PRUNE_SCAN).execute();
    const old = rows.filter((row) => Number(row.at) < cutoff);
    if (old.length > 0) await db.deleteFrom('samples').where('id', '>=', old[0]!.id).where('id', '<=', old.at(-1)!.id).where('at', '<', cutoff).execute();
    if (old.length === 0 || rows.length < PRUNE_SCAN) return;
    cursor = rows.at(-1)!.id;
    await yieldToEventLoop();
  }
}

/** Folds raw samples into the tiers that are due, then prunes every tier by its retention. */
export async function compact(db: Db, engine: Engine, now: number, retention: Retention): Promise<void> {
  for (const tier of TIERS) {
    if (!(await foldDue(db, tier, now))) continue;
    while (await foldChunk(db, engine, tier)) await yieldToEventLoop();
    if (tier.foldEveryMs > 0) await setMeta(db, `folded_at:${tier.table}`, now);
  }
  await pruneRaw(db, now - retention.raw);
  for (const tier of TIERS) await db.deleteFrom(tier.table).where('start', '<', now - retention[tier.retention] - tier.size).execute();
}
