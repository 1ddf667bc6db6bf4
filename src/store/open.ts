import { postgresUrl } from './database-url.js';
import { openPostgres } from './postgres.js';
import { SqlStore } from './sql-store.js';
import { openSqlite, type SqliteOptions } from './sqlite.js';
import type { Store } from '../monitor/store.js';

export type StoreOptions = ({ sqlite: string } & SqliteOptions) | { postgres: string };

/** Opens the database (SQLite file, created with its folder if missing; or a PostgreSQL URL). Call migrate() next. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if ('postgres' in options) return new SqlStore(await openPostgres(options.postgres));
  return new SqlStore(openSqlite(options.sqlite, options));
}

/** PostgreSQL when HARDEN_DATABASE_URL is set, else SQLite at `sqlitePath` (with `readOnly`, read only: status and history). */
export async function storeFromEnvironment(sqlitePath: string, env: NodeJS.ProcessEnv = process.env, { readOnly = false }: { readOnly?: boolean } = {}): Promise<Store> {
  const url = postgresUrl(env);
  return openStore(url ? { postgres: url } : { sqlite: sqlitePath, readOnly });
}
