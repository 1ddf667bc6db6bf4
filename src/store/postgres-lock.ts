import pg from 'pg';
import { InputError } from '../errors.js';
import { explainPostgres, maskUrl } from './errors.js';
import { StoreError } from '../monitor/store.js';

/** pg_advisory_lock's key for "the monitor daemon of this database": any constant other tools are unlikely to pick. */
export const DAEMON_LOCK_KEY = 0x6861_7264_656e; // "harden"
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export interface LockEvents {
  /** The lock connection went away, or came back with the lock held again. */
  log(level: 'warn' | 'info', message: string): void;
  /** Another daemon holds the lock now: this one must stop. */
  lost(reason: string): void;
}

/**
 * One monitor daemon per PostgreSQL database, as the lock file is for SQLite: a session-level
 * advisory lock, held by a connection of its own for the daemon's life. A daemon that crashes
 * loses its connection and the lock with it (TCP keepalive finds a host that vanished). When the
 * lock connection is lost while the daemon runs (a server restart, a terminated backend), it is
 * taken again with backoff, as the daemon rides out the outage; found held by another daemon
 * meanwhile, `lost` is called for this one to stop rather than run beside it. `harden serve
 * --no-monitor` processes take none. Needs a session of its own: not a transaction-pooling PgBouncer.
 * Resolves to the release; rejects when another daemon holds it.
 */
export async function lockPostgresDaemon(url: string, events: LockEvents = { log: () => undefined, lost: () => undefined }): Promise<() => Promise<void>> {
  const where = maskUrl(url);
  let released = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  /** A connection holding the lock; false when another session holds it. Throws when the server cannot be reached. */
  const take = async (): Promise<boolean> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    next.on('error', () => undefined);
    try {
      await next.connect();
      // A server-wide idle_session_timeout would end this idle session, and the lock with it.
      await next.query('set idle_session_timeout = 0').catch(() => undefined);
      const { rows } = await next.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [DAEMON_LOCK_KEY]);
      if (!rows[0]!.held) {
        await next.end().catch(() => undefined);
        return false;
      }
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (released) {
      // Released while this connection was being made (a stop during an outage): it must not keep the process alive.
      await next.end().catch(() => undefined);
      return true;
    }
    client = next;
    next.once('end', () => void dropped());
    return true;
  };

  const retake = async (delayMs: number): Promise<void> => {
    if (released) return;
    try {
      const held = await take();
      if (released) return;
      if (held) return events.log('info', `the monitor's lock on ${where} is held again`);
      events.lost(`another harden monitor took the lock on ${where} while this one's connection was down`);
    } catch {
      if (!released) retry = setTimeout(() => void retake(Math.min(delayMs * 2, RETRY_MAX_MS)), delayMs);
    }
  };

  const dropped = async (): Promise<void> => {
    if (released) return;
    events.log('warn', `the PostgreSQL connection holding the monitor's lock on ${where} was lost; taking the lock again`);
    await retake(RETRY_FIRST_MS);
  };

  let held: boolean;
  try {
    held = await take();
  } catch (error) {
    throw new StoreError(explainPostgres(error, where) ?? `cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, { cause: error });
  }
  if (!held) throw new InputError([`another harden monitor is using the PostgreSQL database ${where}; stop it first (harden serve --no-monitor, monitor status and monitor history run alongside)`]);
  return async () => {
    released = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
