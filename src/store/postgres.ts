import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Connection } from './connection.js';
import { explainPostgres, maskUrl, transientPostgres } from './errors.js';
import { StoreError } from '../monitor/store.js';
import type { Tables } from './tables.js';

const INT8 = 20;
const NUMERIC = 1700;

/** bigint and numeric as JS numbers: every stored value (ms times, µs sums) is below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** Connects to PostgreSQL at `url`; a server that cannot be reached is a StoreError now, not at the first write. */
export async function openPostgres(url: string): Promise<Connection> {
  const where = maskUrl(url);
  const explain = (error: unknown) => explainPostgres(error, where);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, types });
  pool.on('error', () => {
    /* an idle client lost its server: the next query reports it */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(explain(error) ?? `cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    where,
    readOnly: false,
    explain,
    transient: transientPostgres,
    async sizeBytes() {
      const { rows } = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(db);
      return Number(rows[0]!.size);
    },
    async integrityCheck() {
      // PostgreSQL checksums pages itself; this confirms the server answers and the schema is readable.
      await db.selectFrom('store_meta').select('key').limit(1).execute();
      return [];
    },
    checkStillThere() {
      /* the server keeps its own files */
    },
    async reclaim() {
      /* autovacuum reuses the space of deleted rows */
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Creates database `name` on the server at `url` (tests give each case a fresh database). */
export async function createPostgresDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}
