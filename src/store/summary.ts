import type { Transaction } from 'kysely';
import { addRow, addSample, chunks, empty, MINUTE, TIERS, watermarks, type Aggregate } from './aggregate.js';
import { quantile } from './histogram.js';
import type { WindowSummary } from '../monitor/store.js';
import type { RollupTable, Tables } from './tables.js';

const IN_LIST = 1000;

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
 * Sums [since, now) per monitor (one; or all, with the span rounded out to whole minutes),
 * reading one snapshot: each piece from its tier's rows plus the raw samples in it that the
 * tier has not folded yet; raw edges from raw samples alone.
 */
export async function summarize(trx: Transaction<Tables>, monitorId: number | undefined, since: number, now: number): Promise<Map<number, WindowSummary>> {
  if (monitorId === undefined) {
    // Whole minutes: no raw edge, so raw samples are read by id (the unfolded ones), never by time over every monitor.
    since = Math.floor(since / MINUTE) * MINUTE;
    now = Math.ceil(now / MINUTE) * MINUTE;
  }
  const pieces = cover(since, now);
  if (pieces.length === 0) return new Map();
  const folded = await watermarks(trx);
  const foldedBelow = (piece: Piece) => (piece.table === 'samples' ? 0 : folded[piece.table]);
  const totals = new Map<number, Aggregate>();
  const totalOf = (id: number) => {
    let total = totals.get(id);
    if (!total) totals.set(id, (total = empty(id, since)));
    return total;
  };
  for (const piece of pieces) {
    if (piece.table === 'samples') continue;
    const size = TIERS.find((tier) => tier.table === piece.table)!.size;
    // Start first in the key: one monitor's rows are point lookups by start, all monitors' a range.
    const lists = monitorId === undefined ? [undefined] : chunks(startsOf(piece.from, piece.to, size), IN_LIST);
    for (const list of lists) {
      let query = trx.selectFrom(piece.table).selectAll();
      query = list ? query.where('start', 'in', list).where('monitor_id', '=', monitorId!) : query.where('start', '>=', piece.from).where('start', '<', piece.to);
      for (const row of await query.execute()) addRow(totalOf(row.monitor_id), row);
    }
  }
  let raw = trx
    .selectFrom('samples')
    .select(['id', 'monitor_id', 'at', 'flags', 'latency_us'])
    .where('at', '>=', since)
    .where('at', '<', now)
    .where('id', '>', Math.min(...pieces.map(foldedBelow)));
  if (monitorId !== undefined) raw = raw.where('monitor_id', '=', monitorId);
  for (const row of await raw.execute()) {
    const at = Number(row.at);
    const piece = pieces.find((p) => at >= p.from && at < p.to)!;
    if (row.id > foldedBelow(piece)) addSample(totalOf(row.monitor_id), row.flags, row.latency_us);
  }
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
