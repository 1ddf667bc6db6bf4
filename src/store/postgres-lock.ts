import pg from 'pg';
import { InputError } from '../errors.js';
import { explainPostgres, maskUrl } from './errors.js';
import { StoreError } from '../monitor/store.js';

/** pg_advisory_lock's key for "the monitor daemon of this database": any constant other tools are unlikely to pick. */
const DAEMON_LOCK_KEY = 0x6861_7264_656e; // "harden"

/**
 * One monitor daemon per PostgreSQL database, as the lock file is for SQLite: a session-level
 * advisory lock, held by a connection of its own for the daemon's life. A daemon that crashes
 * loses its connection and the lock with it; `harden serve --no-monitor` processes take none.
 * Resolves to the release; rejects when another daemon holds it.
 */
export async function lockPostgresDaemon(url: string): Promise<() => Promise<void>> {
  const where = maskUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    /* the server went away: the lock went with the session, and the daemon's own connections report it */
  });
  let held: boolean;
  try {
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [DAEMON_LOCK_KEY]);
    held = rows[0]!.held;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new StoreError(explainPostgres(error, where) ?? `cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, { cause: error });
  }
  if (!held) {
    await client.end().catch(() => undefined);
    throw new InputError([`another harden monitor is using the PostgreSQL database ${where}; stop it first (harden serve --no-monitor, monitor status and monitor history run alongside)`]);
  }
  return async () => {
    await client.end().catch(() => undefined);
  };
}
