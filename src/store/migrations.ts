import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { StoreError } from '../monitor/store.js';
import type { Tables } from './tables.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * Versioned schema changes, applied in name order and recorded in kysely_migration. Never
 * edit a released migration: add the next one.
 */
function migrations(engine: Engine): Record<string, Migration> {
  const pg = engine === 'postgres';
  const serial = pg ? 'bigserial' : 'integer';
  const blob = pg ? 'bytea' : 'blob';
  // SQLite: AUTOINCREMENT, so ids never go back below the compaction watermark after pruning.
  const idColumn = <T extends { primaryKey(): T; autoIncrement(): T }>(column: T) => (pg ? column.primaryKey() : column.primaryKey().autoIncrement());
  const withoutRowid = pg ? sql`` : sql`without rowid`;

  return {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('monitors').addColumn('id', pg ? 'serial' : 'integer', idColumn).addColumn('name', 'text', (c) => c.notNull().unique()).execute();
        await db.schema
          .createTable('samples')
          .addColumn('id', serial, idColumn)
          .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id'))
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('flags', 'smallint', (c) => c.notNull())
          .addColumn('latency_us', 'integer', (c) => c.notNull())
          .addColumn('status', 'smallint')
          .addColumn('dns_ms', 'integer')
          .addColumn('connect_ms', 'integer')
          .addColumn('tls_ms', 'integer')
          .addColumn('first_byte_ms', 'integer')
          .addColumn('reason', 'text')
          .execute();
        await db.schema.createIndex('samples_by_monitor').on('samples').columns(['monitor_id', 'at']).execute();
        for (const table of ['rollup_minute', 'rollup_hour', 'rollup_day']) {
          await db.schema
            .createTable(table)
            .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id'))
            .addColumn('start', 'bigint', (c) => c.notNull())
            .addColumn('total', 'integer', (c) => c.notNull())
            .addColumn('failed', 'integer', (c) => c.notNull())
            .addColumn('maintenance', 'integer', (c) => c.notNull())
            .addColumn('up', 'integer', (c) => c.notNull())
            .addColumn('latency_sum_us', 'bigint', (c) => c.notNull())
            .addColumn('latency_min_us', 'integer')
            .addColumn('latency_max_us', 'integer')
            .addColumn('hist', blob, (c) => c.notNull())
            // Time first: each compaction writes a contiguous run of pages and pruning cuts off the front.
            .addPrimaryKeyConstraint(`${table}_pk`, ['start', 'monitor_id'])
            .modifyEnd(withoutRowid)
            .execute();
        }
        await db.schema
          .createTable('monitor_states')
          .addColumn('monitor_id', 'integer', (c) => c.primaryKey().references('monitors.id'))
          .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
          .addColumn('consecutive_successes', 'integer', (c) => c.notNull())
          .addColumn('first_failure', 'text')
          .addColumn('open_incident', 'text')
          .addColumn('last_sample_at', 'bigint')
          .addColumn('last_ok', 'smallint')
          .execute();
        await db.schema
          .createTable('incidents')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id'))
          .addColumn('opened_at', 'bigint', (c) => c.notNull())
          .addColumn('closed_at', 'bigint')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('first_failure', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('incidents_by_monitor').on('incidents').columns(['monitor_id', 'opened_at']).execute();
        await db.schema.createIndex('incidents_by_time').on('incidents').column('opened_at').execute();
        await db.schema.createIndex('incidents_open').on('incidents').column('opened_at').where(sql.ref('closed_at'), 'is', null).execute();
        await db.schema
          .createTable('outbox')
          .addColumn('id', serial, idColumn)
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('event_key', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .addColumn('delivered_at', 'bigint')
          .addColumn('last_error', 'text')
          .addColumn('last_error_at', 'bigint')
          .addUniqueConstraint('outbox_once', ['channel', 'event_key'])
          .execute();
        await db.schema.createIndex('outbox_due').on('outbox').columns(['next_attempt_at', 'id']).where(sql.ref('delivered_at'), 'is', null).execute();
        await db.schema.createTable('store_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'bigint', (c) => c.notNull()).execute();
      },
    },
    // The event's dedupKey as a column: dueAlerts holds a later alert behind an earlier undelivered
    // one of the same channel and dedup key, across restarts.
    '0002-outbox-dedup-key': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('outbox').addColumn('dedup_key', 'text').execute();
        const fromEvent = pg ? sql`(event::json->>'dedupKey')` : sql`json_extract(event, '$.dedupKey')`;
        await sql`update outbox set dedup_key = ${fromEvent}`.execute(db);
        await db.schema.createIndex('outbox_by_dedup').on('outbox').columns(['channel', 'dedup_key', 'id']).execute();
      },
    },
    // harden serve's sign-in: users (argon2id hashes), sessions and API tokens (SHA-256 of the random value, never the value).
    '0003-auth': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', pg ? 'serial' : 'integer', idColumn)
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('totp_secret', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('pending_totp', 'smallint', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', pg ? 'serial' : 'integer', idColumn)
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_used_at', 'bigint')
          .execute();
      },
    },
    // harden serve's dashboard: operators' incident write-ups and the verify history.
    '0004-incident-updates-verify-runs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('incident_updates')
          .addColumn('id', serial, idColumn)
          .addColumn('incident_key', 'text', (c) => c.notNull().references('incidents.key'))
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('phase', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('incident_updates_by_incident').on('incident_updates').columns(['incident_key', 'at']).execute();
        await db.schema.createTable('verify_runs').addColumn('id', serial, idColumn).addColumn('at', 'bigint', (c) => c.notNull()).addColumn('counts', 'text', (c) => c.notNull()).execute();
        await db.schema
          .createTable('verify_items')
          .addColumn('run_id', 'integer', (c) => c.notNull().references('verify_runs.id'))
          .addColumn('item', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('stage', 'text')
          .addColumn('claimed', 'text', (c) => c.notNull())
          .addColumn('verdict', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('verify_items_pk', ['run_id', 'item'])
          .execute();
      },
    },
    // Where a user comes from: 'password' (harden user add) or 'oidc' (created at their first single sign-on, password_hash '').
    '0005-user-source': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('users').addColumn('source', 'text', (c) => c.notNull().defaultTo('password')).execute();
      },
    },
    // Failed sign-ins, so every harden serve process on one database counts the same ones. key_hash: SHA-256 of 'user:NAME' or 'client:ADDRESS'.
    '0006-login-failures': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('login_failures').addColumn('id', serial, idColumn).addColumn('key_hash', 'text', (c) => c.notNull()).addColumn('at', 'bigint', (c) => c.notNull()).execute();
        await db.schema.createIndex('login_failures_by_key').on('login_failures').columns(['key_hash', 'at']).execute();
        await db.schema.createIndex('login_failures_by_time').on('login_failures').column('at').execute();
      },
    },
    // The TOTP step a user's code was last accepted at: a code works once on every serve process.
    '0007-totp-last-step': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
      },
    },
  };
}

/**
 * Applies pending migrations, each in a transaction with its record; a failure is thrown (the
 * caller turns it into a StoreError). With nothing pending it only reads, so a status command
 * does not wait for the daemon's write lock.
 */
export async function migrate(db: Kysely<Tables>, engine: Engine, { where, readOnly }: { where: string; readOnly: boolean }): Promise<void> {
  const foreign = await foreignTables(db, engine);
  if (foreign)
    throw new StoreError(
      `database ${where} is not a harden database: it holds other tables (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}) and none of harden's; give harden a database of its own (monitoring.database, --database or HARDEN_DATABASE_URL)`,
    );
  const list = migrations(engine);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list } });
  if ((await migrator.getMigrations()).every((migration) => migration.executedAt !== undefined)) return;
  if (readOnly) throw new StoreError(`database ${where} was written by an earlier harden; run "harden monitor --once" once to upgrade it`);
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** The tables of a database that has some but not harden's (no migration record): undefined for an empty or a harden database. */
async function foreignTables(db: Kysely<Tables>, engine: Engine): Promise<string[] | undefined> {
  const { rows } =
    engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and substr(name, 1, 7) != 'sqlite_'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
  const names = rows.map((row) => row.name).sort();
  return names.length > 0 && !names.includes('kysely_migration') ? names : undefined;
}
