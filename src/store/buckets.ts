import type { Transaction } from 'kysely';
import { DAY, HOUR, MAINTENANCE, UP, watermarks } from './aggregate.js';
import type { Bucket } from '../monitor/store.js';
import type { Tables } from './tables.js';

interface Counts {
  total: number;
  failed: number;
  maintenance: number;
  up: number;
  sumUs: number;
}

/**
 * Hour or day buckets of every monitor in [since, now), by monitor id, in one snapshot: the
 * tier's rows, plus the raw samples past its watermark (the ones it has not folded yet).
 * With a `cursor`, raw samples are read whatever their time past `since` (`through`, the highest sample
 * id, covers them all: one taken after `now` and left out would never be read again), and with
 * `cursor.after`, only those above that id, without the rollups.
 */
export async function bucketize(
  trx: Transaction<Tables>,
  tier: 'hour' | 'day',
  since: number,
  now: number,
  cursor?: { after?: number | undefined },
): Promise<{ byMonitor: Map<number, Bucket[]>; through: number }> {
  const after = cursor?.after;
  const size = tier === 'day' ? DAY : HOUR;
  const table = tier === 'day' ? 'rollup_day' : 'rollup_hour';
  const from = Math.floor(since / size) * size;
  const byMonitor = new Map<number, Map<number, Counts>>();
  const countsOf = (monitorId: number, start: number) => {
    let series = byMonitor.get(monitorId);
    if (!series) byMonitor.set(monitorId, (series = new Map()));
    let counts = series.get(start);
    if (!counts) series.set(start, (counts = { total: 0, failed: 0, maintenance: 0, up: 0, sumUs: 0 }));
    return counts;
  };
  const rows =
    after === undefined
      ? await trx
          .selectFrom(table)
          .select(['monitor_id', 'start', 'total', 'failed', 'maintenance', 'up', 'latency_sum_us'])
          .where('start', '>=', from)
          .where('start', '<', now)
          .execute()
      : [];
  for (const row of rows) {
    const counts = countsOf(row.monitor_id, Number(row.start));
    counts.total += row.total;
    counts.failed += row.failed;
    counts.maintenance += row.maintenance;
    counts.up += row.up;
    counts.sumUs += Number(row.latency_sum_us);
  }
  const { newest } = await trx.selectFrom('samples').select((eb) => eb.fn.max('id').as('newest')).executeTakeFirstOrThrow();
  let select = trx
    .selectFrom('samples')
    .select(['monitor_id', 'at', 'flags', 'latency_us'])
    .where('id', '>', after ?? (await watermarks(trx))[table])
    .where('at', '>=', from);
  if (!cursor) select = select.where('at', '<', now);
  const raw = await select.execute();
  for (const sample of raw) {
    const counts = countsOf(sample.monitor_id, Math.floor(Number(sample.at) / size) * size);
    counts.total++;
    if (sample.flags & MAINTENANCE) counts.maintenance++;
    if (sample.flags & UP) {
      counts.up++;
      counts.sumUs += sample.latency_us;
    } else if (!(sample.flags & MAINTENANCE)) counts.failed++;
  }
  const buckets = new Map<number, Bucket[]>();
  for (const [monitorId, series] of byMonitor)
    buckets.set(
      monitorId,
      [...series]
        .sort(([a], [b]) => a - b)
        .map(([start, c]) => ({ start, total: c.total, failed: c.failed, maintenance: c.maintenance, up: c.up, meanMs: c.up > 0 ? c.sumUs / c.up / 1000 : null })),
    );
  return { byMonitor: buckets, through: Math.max(after ?? 0, Number(newest ?? 0)) };
}
