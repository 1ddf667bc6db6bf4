import pg from 'pg';
import { InputError } from '../errors.js';
import { explainPostgres, maskUrl } from './errors.js';
import { StoreError } from '../monitor/store.js';

/** pg_advisory_lock's key for "the monitor daemon of this database": any constant other tools are unlikely to pick. */
const DAEMON_LOCK_KEY = 0x6861_7264_656e; // "harden"

/**
 * One monitor daemon per PostgreSQL database, as the lock file is for SQLite: a session-level
 * advisory lock, held by a connection of its own for the daemon's life. A daemon that crashes
 * loses its connection and the lock with it (TCP keepalive finds a host that vanished); a lock
 * connection lost while the daemon runs (a server restart, a terminated backend) calls `lost`,
 * for the daemon to stop rather than run beside the next one. `harden serve --no-monitor`
 * processes take none. Needs a session of its own: not through a transaction-pooling PgBouncer.
 * Resolves to the release; rejects when another daemon holds it.
 */
export async function lockPostgresDaemon(url: string, lost: (reason: string) => void = () => undefined): Promise<() => Promise<void>> {
  const where = maskUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
  let releasing = false;
  const onLost = (why: string) => {
    if (releasing) return;
    releasing = true;
    lost(`the PostgreSQL connection holding the monitor's lock on ${where} ${why}: another daemon may take it`);
  };
  client.on('error', (error) => onLost(`failed (${error.message})`));
  client.on('end', () => onLost('ended'));
  let held: boolean;
  try {
    await client.connect();
    // A server-wide idle_session_timeout would end this idle session, and the lock with it.
    await client.query('set idle_session_timeout = 0').catch(() => undefined);
    const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [DAEMON_LOCK_KEY]);
    held = rows[0]!.held;
  } catch (error) {
    releasing = true;
    await client.end().catch(() => undefined);
    throw new StoreError(explainPostgres(error, where) ?? `cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, { cause: error });
  }
  if (!held) {
    releasing = true;
    await client.end().catch(() => undefined);
    throw new InputError([`another harden monitor is using the PostgreSQL database ${where}; stop it first (harden serve --no-monitor, monitor status and monitor history run alongside)`]);
  }
  return async () => {
    releasing = true;
    await client.end().catch(() => undefined);
  };
}
