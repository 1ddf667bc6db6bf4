import { sql, type Transaction } from 'kysely';
import type { AlertEvent, Incident, IncidentPhase, IncidentUpdate, MonitorState, OutboxEntry, Sample } from '../monitor/model.js';
import { chunks } from './aggregate.js';
import { SqlAuthStore, type AuthStore } from './auth.js';
import { compact } from './compaction.js';
import type { Connection } from './connection.js';
import { guarded } from './errors.js';
import { migrate } from './migrations.js';
import { incidentOf, outboxOf, sampleOf, sampleRow } from './rows.js';
import type { Batch, Bucket, OutboxRow, OutboxStats, Retention, Store, VerifyRunRecord, WindowSummary } from '../monitor/store.js';
import { bucketize } from './buckets.js';
import { summarize } from './summary.js';
import type { Tables } from './tables.js';

type Trx = Transaction<Tables>;

const INSERT_ROWS = 1000;

/** Inserted once per (channel, event key): a replay is ignored. */
async function queueAlerts(trx: Trx, alerts: Batch['alerts']): Promise<void> {
  for (const list of chunks(alerts, INSERT_ROWS))
    await trx
      .insertInto('outbox')
      .values(
        list.map(({ channel, event }) => ({
          channel,
          event_key: event.key,
          event: JSON.stringify(event),
          dedup_key: event.dedupKey,
          created_at: event.at,
          attempts: 0,
          next_attempt_at: event.at,
        })),
      )
      .onConflict((conflict) => conflict.columns(['channel', 'event_key']).doNothing())
      .execute();
}

/** The Store over one Connection: the same queries for SQLite and PostgreSQL. */
export class SqlStore implements Store {
  /** Monitor name → id, filled only from committed rows. */
  readonly #ids = new Map<string, number>();
  /** Monitor id → name: rows of monitors are never renamed or deleted, so it is re-read only when an id is new to it. */
  readonly #names = new Map<number, string>();

  constructor(private readonly connection: Connection) {}

  private get db() {
    return this.connection.db;
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guarded(this.connection.explain, work, this.connection.transient);
  }

  /** guard() for a write: refused before it starts when the database is no longer where it was opened. */
  private guardWrite<T>(work: () => Promise<T>): Promise<T> {
    return this.guard(() => {
      this.connection.checkStillThere();
      return work();
    });
  }

  /** The users, sessions and API tokens of harden serve, in the same database. */
  auth(): AuthStore {
    return new SqlAuthStore(this.connection);
  }

  migrate(): Promise<void> {
    return this.guard(() => migrate(this.db, this.connection.engine, { where: this.connection.where, readOnly: this.connection.readOnly }));
  }

  /** Ids of these monitors, registering new names inside the caller's transaction. */
  private async idsOf(trx: Trx, names: Iterable<string>, fresh: Map<string, number>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing: string[] = [];
    for (const name of new Set(names)) {
      const id = this.#ids.get(name);
      if (id === undefined) missing.push(name);
      else ids.set(name, id);
    }
    for (const list of chunks(missing, INSERT_ROWS)) {
      await trx
        .insertInto('monitors')
        .values(list.map((name) => ({ name })))
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      for (const row of await trx.selectFrom('monitors').select(['id', 'name']).where('name', 'in', list).execute()) {
        ids.set(row.name, row.id);
        fresh.set(row.name, row.id);
      }
    }
    return ids;
  }

  private async idOf(name: string): Promise<number | undefined> {
    const cached = this.#ids.get(name);
    if (cached !== undefined) return cached;
    const row = await this.db.selectFrom('monitors').select('id').where('name', '=', name).executeTakeFirst();
    if (row) this.#ids.set(name, row.id);
    return row?.id;
  }

  commit(batch: Batch): Promise<void> {
    return this.guardWrite(async () => {
      const fresh = new Map<string, number>();
      await this.db.transaction().execute(async (trx) => {
        const names = [...batch.samples.map((s) => s.monitor), ...batch.states.map((s) => s.monitor), ...batch.opened.map((i) => i.monitor)];
        const ids = await this.idsOf(trx, names, fresh);
        for (const list of chunks(batch.samples, INSERT_ROWS))
          await trx
            .insertInto('samples')
            .values(list.map((sample) => sampleRow(ids.get(sample.monitor)!, sample)))
            .execute();
        // One row per monitor (the last state wins), as one statement may not update a row twice.
        const states = [...new Map(batch.states.map((state) => [state.monitor, state])).values()];
        for (const list of chunks(states, INSERT_ROWS))
          await trx
            .insertInto('monitor_states')
            .values(
              list.map((state) => ({
                monitor_id: ids.get(state.monitor)!,
                consecutive_failures: state.consecutiveFailures,
                consecutive_successes: state.consecutiveSuccesses,
                first_failure: state.firstFailure ? JSON.stringify(state.firstFailure) : null,
                open_incident: state.openIncident,
                last_sample_at: state.lastSampleAt,
                last_ok: state.lastOk === null ? null : Number(state.lastOk),
              })),
            )
            .onConflict((conflict) =>
              conflict.column('monitor_id').doUpdateSet((eb) => ({
                consecutive_failures: eb.ref('excluded.consecutive_failures'),
                consecutive_successes: eb.ref('excluded.consecutive_successes'),
                first_failure: eb.ref('excluded.first_failure'),
                open_incident: eb.ref('excluded.open_incident'),
                last_sample_at: eb.ref('excluded.last_sample_at'),
                last_ok: eb.ref('excluded.last_ok'),
              })),
            )
            .execute();
        for (const incident of batch.opened)
          await trx
            .insertInto('incidents')
            .values({
              key: incident.key,
              monitor_id: ids.get(incident.monitor)!,
              opened_at: incident.openedAt,
              closed_at: incident.closedAt,
              reason: incident.reason,
              first_failure: JSON.stringify(incident.firstFailure),
            })
            .onConflict((conflict) => conflict.column('key').doNothing())
            .execute();
        for (const closed of batch.closed)
          await trx.updateTable('incidents').set({ closed_at: closed.closedAt }).where('key', '=', closed.key).where('closed_at', 'is', null).execute();
        await queueAlerts(trx, batch.alerts);
      });
      for (const [name, id] of fresh) this.#ids.set(name, id);
    });
  }

  states(): Promise<MonitorState[]> {
    return this.guard(async () => {
      const rows = await this.db.selectFrom('monitor_states').innerJoin('monitors', 'monitors.id', 'monitor_states.monitor_id').selectAll('monitor_states').select('monitors.name').orderBy('monitors.name').execute();
      return rows.map((row) => ({
        monitor: row.name,
        consecutiveFailures: row.consecutive_failures,
        consecutiveSuccesses: row.consecutive_successes,
        firstFailure: row.first_failure === null ? null : (JSON.parse(row.first_failure) as Sample),
        openIncident: row.open_incident,
        lastSampleAt: row.last_sample_at === null ? null : Number(row.last_sample_at),
        lastOk: row.last_ok === null ? null : row.last_ok !== 0,
      }));
    });
  }

  private incidentQuery() {
    return this.db.selectFrom('incidents').innerJoin('monitors', 'monitors.id', 'incidents.monitor_id').selectAll('incidents').select('monitors.name as monitor');
  }

  openIncidents(): Promise<Incident[]> {
    return this.guard(async () => (await this.incidentQuery().where('closed_at', 'is', null).orderBy('opened_at').execute()).map(incidentOf));
  }

  /** Newest first; `since` keeps incidents still open at or after it. */
  incidents(query: { monitor?: string; since?: number; limit?: number }): Promise<Incident[]> {
    return this.guard(async () => {
      let select = this.incidentQuery();
      if (query.monitor !== undefined) {
        const id = await this.idOf(query.monitor);
        if (id === undefined) return [];
        select = select.where('incidents.monitor_id', '=', id);
      }
      const since = query.since;
      if (since !== undefined) select = select.where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', since)]));
      select = select.orderBy('opened_at', 'desc').orderBy('key', 'desc');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return (await select.execute()).map(incidentOf);
    });
  }

  samples(query: { monitor: string; since?: number; limit?: number }): Promise<Sample[]> {
    return this.guard(async () => {
      const id = await this.idOf(query.monitor);
      if (id === undefined) return [];
      let select = this.db.selectFrom('samples').selectAll().where('monitor_id', '=', id);
      if (query.since !== undefined) select = select.where('at', '>=', query.since);
      select = select.orderBy('at', 'desc').orderBy('id', 'desc');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return (await select.execute()).map((row) => sampleOf(query.monitor, row));
    });
  }

  summary(monitor: string, since: number, now: number): Promise<WindowSummary> {
    return this.guard(async () => {
      const id = await this.idOf(monitor);
      const found = id === undefined ? undefined : (await this.snapshot((trx) => summarize(trx, id, since, now))).get(id);
      return found ?? { total: 0, failed: 0, maintenance: 0, p50: null, p95: null, p99: null };
    });
  }

  summaries(since: number, now: number): Promise<Map<string, WindowSummary>> {
    return this.guard(async () => {
      const byId = await this.snapshot((trx) => summarize(trx, undefined, since, now));
      return this.byName(byId);
    });
  }

  buckets(tier: 'hour' | 'day', since: number, now: number): Promise<Map<string, Bucket[]>> {
    return this.guard(async () => {
      const { byMonitor } = await this.snapshot((trx) => bucketize(trx, tier, since, now));
      return this.byName(byMonitor);
    });
  }

  bucketsFrom(tier: 'hour' | 'day', since: number, now: number, after?: number): Promise<{ buckets: Map<string, Bucket[]>; through: number }> {
    return this.guard(async () => {
      const { byMonitor, through } = await this.snapshot(async (trx) => {
        // PostgreSQL hands out ids before commits: wait for inserts in flight, or one committed later below `through` would never be read.
        if (this.connection.engine === 'postgres') await sql`lock table samples in share mode`.execute(trx);
        return bucketize(trx, tier, since, now, { after });
      });
      return { buckets: await this.byName(byMonitor), through };
    });
  }

  /** The same values keyed by monitor name (the snapshot's 113 reads of 10,000 monitors each used to re-read every name). */
  private async byName<T>(byId: ReadonlyMap<number, T>): Promise<Map<string, T>> {
    for (const id of byId.keys())
      if (!this.#names.has(id)) {
        for (const { id, name } of await this.db.selectFrom('monitors').select(['id', 'name']).execute()) this.#names.set(id, name);
        break;
      }
    const byName = new Map<string, T>();
    for (const [id, value] of byId) {
      const name = this.#names.get(id);
      if (name !== undefined) byName.set(name, value);
    }
    return byName;
  }

  /** Reads in one consistent view, so a compaction in between cannot count samples twice. */
  private snapshot<T>(read: (trx: Trx) => Promise<T>): Promise<T> {
    let transaction = this.db.transaction();
    if (this.connection.engine === 'postgres') transaction = transaction.setIsolationLevel('repeatable read');
    return transaction.execute(read);
  }

  dueAlerts(now: number, limit: number): Promise<OutboxEntry[]> {
    return this.guard(async () => {
      const rows = await this.db
        .selectFrom('outbox')
        .selectAll('outbox')
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        // In order per channel and dedup key (an incident's opening before its resolution): a row
        // waits while an earlier one of its group is undelivered.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('outbox as earlier')
                .select('earlier.id')
                .whereRef('earlier.channel', '=', 'outbox.channel')
                .whereRef('earlier.dedup_key', '=', 'outbox.dedup_key')
                .whereRef('earlier.id', '<', 'outbox.id')
                .where('earlier.delivered_at', 'is', null),
            ),
          ),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(outboxOf);
    });
  }

  markDelivered(id: number, at: number): Promise<void> {
    return this.guardWrite(async () => {
      await this.db.updateTable('outbox').set({ delivered_at: at }).where('id', '=', id).where('delivered_at', 'is', null).execute();
    });
  }

  /** `at` (default: now) is when the attempt failed, shown as lastErrorAt. */
  markFailed(id: number, error: string, nextAttemptAt: number, at: number = Date.now()): Promise<void> {
    return this.guardWrite(async () => {
      await this.db
        .updateTable('outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, last_error_at: at, next_attempt_at: nextAttemptAt }))
        .where('id', '=', id)
        .where('delivered_at', 'is', null)
        .execute();
    });
  }

  outboxStats(): Promise<OutboxStats[]> {
    return this.guard(async () => {
      const counts = await this.db
        .selectFrom('outbox')
        .select((eb) => [
          'channel',
          eb.fn.sum<number>(eb.case().when('delivered_at', 'is', null).then(1).else(0).end()).as('pending'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('delivered_at', 'is', null), eb('attempts', '>', 0)])).then(1).else(0).end()).as('failing'),
          eb.fn.sum<number>(eb.case().when('delivered_at', 'is not', null).then(1).else(0).end()).as('delivered'),
          eb.fn.max('last_error_at').as('last_error_at'),
        ])
        .groupBy('channel')
        .orderBy('channel')
        .execute();
      const stats: OutboxStats[] = [];
      for (const row of counts) {
        const lastErrorAt = row.last_error_at === null ? null : Number(row.last_error_at);
        let lastError: string | null = null;
        if (lastErrorAt !== null) {
          const latest = await this.db.selectFrom('outbox').select('last_error').where('channel', '=', row.channel).where('last_error_at', '=', lastErrorAt).orderBy('id', 'desc').limit(1).executeTakeFirst();
          lastError = latest?.last_error ?? null;
        }
        stats.push({ channel: row.channel, pending: Number(row.pending), failing: Number(row.failing), delivered: Number(row.delivered), lastError, lastErrorAt });
      }
      return stats;
    });
  }

  pendingAlerts(limit: number): Promise<OutboxRow[]> {
    return this.guard(async () => {
      const rows = await this.db.selectFrom('outbox').selectAll().where('delivered_at', 'is', null).orderBy('id').limit(limit).execute();
      return rows.map((row) => ({ ...outboxOf(row), createdAt: Number(row.created_at), lastErrorAt: row.last_error_at === null ? null : Number(row.last_error_at) }));
    });
  }

  retryAlert(id: number, now: number): Promise<boolean> {
    return this.guardWrite(async () => {
      const result = await this.db.updateTable('outbox').set({ next_attempt_at: now }).where('id', '=', id).where('delivered_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  addIncidentUpdate(update: IncidentUpdate, alerts: { channel: string; event: AlertEvent }[]): Promise<boolean> {
    return this.guardWrite(() =>
      this.db.transaction().execute(async (trx) => {
        const known = await trx.selectFrom('incidents').select('key').where('key', '=', update.incident).executeTakeFirst();
        if (!known) return false;
        await trx.insertInto('incident_updates').values({ incident_key: update.incident, at: update.at, phase: update.phase, message: update.message, author: update.author }).execute();
        await queueAlerts(trx, alerts);
        return true;
      }),
    );
  }

  incidentUpdates(incidents?: readonly string[]): Promise<IncidentUpdate[]> {
    return this.guard(async () => {
      if (incidents?.length === 0) return [];
      let select = this.db.selectFrom('incident_updates').selectAll();
      if (incidents) select = select.where('incident_key', 'in', [...incidents]);
      const rows = await select.orderBy('at').orderBy('id').execute();
      return rows.map((row) => ({ incident: row.incident_key, at: Number(row.at), phase: row.phase as IncidentPhase, message: row.message, author: row.author }));
    });
  }

  recordVerifyRun(run: VerifyRunRecord): Promise<number> {
    return this.guardWrite(() =>
      this.db.transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('verify_runs').values({ at: run.at, counts: JSON.stringify(run.counts) }).returning('id').executeTakeFirstOrThrow();
        const runId = Number(id);
        for (const list of chunks(run.items, INSERT_ROWS))
          await trx
            .insertInto('verify_items')
            .values(list.map((item) => ({ run_id: runId, item: item.id, title: item.title, stage: item.stage, claimed: item.claimed, verdict: item.verdict })))
            .execute();
        return runId;
      }),
    );
  }

  verifyRuns(limit: number): Promise<VerifyRunRecord[]> {
    return this.guard(() =>
      this.snapshot(async (trx) => {
        const runs = (await trx.selectFrom('verify_runs').selectAll().orderBy('id', 'desc').limit(limit).execute()).reverse();
        if (runs.length === 0) return [];
        const items = await trx.selectFrom('verify_items').selectAll().where('run_id', '>=', runs[0]!.id).orderBy('run_id').orderBy('item').execute();
        const byRun = new Map<number, VerifyRunRecord['items']>();
        for (const row of items) {
          const list = byRun.get(Number(row.run_id)) ?? [];
          list.push({ id: row.item, title: row.title, stage: row.stage, claimed: row.claimed, verdict: row.verdict });
          byRun.set(Number(row.run_id), list);
        }
        return runs.map((run) => ({ at: Number(run.at), counts: JSON.parse(run.counts) as Record<string, number>, items: byRun.get(Number(run.id)) ?? [] }));
      }),
    );
  }

  compact(now: number, retention: Retention): Promise<void> {
    return this.guardWrite(async () => {
      await compact(this.db, this.connection.engine, now, retention);
      // Delivered long ago: a replay of those events is no longer possible, so their keys can go.
      await this.db.deleteFrom('outbox').where('delivered_at', '<', now - retention.hour).execute();
      await this.pruneVerifyRuns(now - retention.day);
      await this.connection.reclaim();
    });
  }

  /** The verify history spans what the daily bars span; the latest run stays whatever its age (the plan register shows it). */
  private async pruneVerifyRuns(before: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { latest } = await trx.selectFrom('verify_runs').select((eb) => eb.fn.max('id').as('latest')).executeTakeFirstOrThrow();
      if (latest === null) return;
      const old = trx.selectFrom('verify_runs').select('id').where('at', '<', before).where('id', '<', latest);
      await trx.deleteFrom('verify_items').where('run_id', 'in', old).execute();
      await trx.deleteFrom('verify_runs').where('at', '<', before).where('id', '<', latest).execute();
    });
  }

  sizeBytes(): Promise<number> {
    return this.guard(() => this.connection.sizeBytes());
  }

  integrityCheck(options: { quick?: boolean } = {}): Promise<string[]> {
    return this.guard(() => this.connection.integrityCheck(options.quick ?? false));
  }

  close(): Promise<void> {
    return this.guard(() => this.connection.close());
  }
}
