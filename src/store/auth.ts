import { sql } from 'kysely';
import type { Store } from '../monitor/store.js';
import type { Connection } from './connection.js';
import { guarded } from './errors.js';

export interface UserRecord {
  name: string;
  role: string;
  passwordHash: string;
  totpSecret: string | undefined;
  createdAt: number;
  /** 'password' (harden user add) or 'oidc' (single sign-on; no password). */
  source: string;
}

export interface SessionRecord {
  user: UserRecord;
  pendingTotp: boolean;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** counted: the attempt's rows; refused: the time of the oldest failure that keeps a key at its limit. */
export type LoginAttemptStart = { counted: true; ids: number[] } | { counted: false; oldest: number };

export interface TokenRecord {
  name: string;
  role: string;
  createdAt: number;
  lastUsedAt: number | undefined;
}

/**
 * harden serve's users, sessions, API tokens and failed sign-ins. Sessions and tokens are looked up by the
 * SHA-256 of their random value (the caller hashes): the database never holds a usable secret
 * but the TOTP seeds, which must stay readable to check a code.
 */
export interface AuthStore {
  addUser(user: { name: string; role: string; passwordHash: string; at: number }): Promise<boolean>;
  user(name: string): Promise<UserRecord | undefined>;
  users(): Promise<UserRecord[]>;
  /** Removes the user and their sessions; false when there was none. */
  removeUser(name: string): Promise<boolean>;
  /** Sets (or removes) the user's TOTP secret; no code of it has been used yet. */
  setTotp(name: string, secret: string | undefined): Promise<boolean>;
  /** A password user's new password hash, their sessions ended (whoever had the old one is signed out); false when there is none. */
  setPassword(name: string, passwordHash: string): Promise<boolean>;
  /** A password user's new role, in force on their next request; false when there is none. */
  setRole(name: string, role: string): Promise<boolean>;
  /** Records that a code of this 30-second step was accepted; false when one of this step or a later one already was (a replay). */
  useTotpStep(name: string, step: number): Promise<boolean>;
  /**
   * A user signed in by single sign-on: added at the first sign-in, its role set to what the
   * provider says now. False (nothing written) when the name belongs to a user of another source.
   */
  ssoUser(user: { name: string; role: string; source: string; at: number }): Promise<boolean>;

  createSession(session: { idHash: string; user: string; pendingTotp: boolean; at: number; expiresAt: number }): Promise<void>;
  /**
   * The unexpired session with this id hash (lastSeenAt as it was), its last-seen time moved to `at` when it is a
   * minute old, unless `touch` is false (a page refreshing itself is no sign of someone at the keyboard).
   */
  session(idHash: string, at: number, touch?: boolean): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of the user; how many there were. */
  revokeSessions(user: string): Promise<number>;

  addToken(token: { name: string; tokenHash: string; role: string; at: number }): Promise<boolean>;
  /** The token with this hash, its last use recorded at `at`. */
  useToken(tokenHash: string, at: number): Promise<TokenRecord | undefined>;
  tokens(): Promise<TokenRecord[]>;
  revokeToken(name: string): Promise<boolean>;

  /**
   * A sign-in attempt, counted as a failure from its start (under the SHA-256 of each thing
   * counted; the caller hashes) so that concurrent attempts on every process count each other,
   * unless a key already holds its limit of failures after `since`: then nothing is written.
   * Attempts are checked one at a time across connections; failures at or before `since` are deleted.
   */
  beginLoginAttempt(attempt: { keys: { keyHash: string; limit: number }[]; at: number; since: number }): Promise<LoginAttemptStart>;
  /** The attempt was not a failure (its rows are deleted). */
  forgetLoginAttempt(ids: number[]): Promise<void>;
  /** The times of the key's failures after `since`, newest first, at most `limit`. */
  loginFailures(keyHash: string, since: number, limit: number): Promise<number[]>;
  clearLoginFailures(keyHash: string): Promise<void>;
}

/** The auth tables of a SQL store (the same database as the monitor's history). */
export class SqlAuthStore implements AuthStore {
  constructor(private readonly connection: Connection) {}

  private get db() {
    return this.connection.db;
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guarded(this.connection.explain, work, this.connection.transient);
  }

  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.guard(() => {
      this.connection.checkStillThere();
      return work();
    });
  }

  addUser({ name, role, passwordHash, at }: { name: string; role: string; passwordHash: string; at: number }): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db
        .insertInto('users')
        .values({ name, role, password_hash: passwordHash, totp_secret: null, created_at: at })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    });
  }

  user(name: string): Promise<UserRecord | undefined> {
    return this.guard(async () => {
      const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
      return row && userOf(row);
    });
  }

  users(): Promise<UserRecord[]> {
    return this.guard(async () => (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(userOf));
  }

  removeUser(name: string): Promise<boolean> {
    return this.write(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
        if (!row) return false;
        await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
        await trx.deleteFrom('users').where('id', '=', row.id).execute();
        return true;
      }),
    );
  }

  setTotp(name: string, secret: string | undefined): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db.updateTable('users').set({ totp_secret: secret ?? null, totp_last_step: null }).where('name', '=', name).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  setPassword(name: string, passwordHash: string): Promise<boolean> {
    return this.write(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('users').select('id').where('name', '=', name).where('source', '=', 'password').executeTakeFirst();
        if (!row) return false;
        await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', row.id).execute();
        await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
        return true;
      }),
    );
  }

  setRole(name: string, role: string): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db.updateTable('users').set({ role }).where('name', '=', name).where('source', '=', 'password').executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  useTotpStep(name: string, step: number): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('name', '=', name)
        .where((where) => where.or([where('totp_last_step', 'is', null), where('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  ssoUser({ name, role, source, at }: { name: string; role: string; source: string; at: number }): Promise<boolean> {
    return this.write(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('users').select(['id', 'source']).where('name', '=', name).executeTakeFirst();
        if (row && row.source !== source) return false;
        if (row) await trx.updateTable('users').set({ role }).where('id', '=', row.id).execute();
        else await trx.insertInto('users').values({ name, role, password_hash: '', totp_secret: null, created_at: at, source }).execute();
        return true;
      }),
    );
  }

  createSession({ idHash, user, pendingTotp, at, expiresAt }: { idHash: string; user: string; pendingTotp: boolean; at: number; expiresAt: number }): Promise<void> {
    return this.write(async () => {
      const row = await this.db.selectFrom('users').select('id').where('name', '=', user).executeTakeFirstOrThrow();
      await this.db.deleteFrom('sessions').where('expires_at', '<=', at).execute();
      await this.db
        .insertInto('sessions')
        .values({ id_hash: idHash, user_id: row.id, pending_totp: pendingTotp ? 1 : 0, created_at: at, last_seen_at: at, expires_at: expiresAt })
        .execute();
    });
  }

  session(idHash: string, at: number, touch = true): Promise<SessionRecord | undefined> {
    return this.guard(async () => {
      const row = await this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select(['sessions.pending_totp', 'sessions.created_at as session_created_at', 'sessions.last_seen_at', 'sessions.expires_at'])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', at)
        .executeTakeFirst();
      if (!row) return undefined;
      if (touch && at - row.last_seen_at >= 60_000 && !this.connection.readOnly) {
        this.connection.checkStillThere();
        await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
      }
      return { user: userOf(row), pendingTotp: row.pending_totp === 1, createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    });
  }

  deleteSession(idHash: string): Promise<void> {
    return this.write(async () => {
      await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    });
  }

  revokeSessions(user: string): Promise<number> {
    return this.write(async () => {
      const row = await this.db.selectFrom('users').select('id').where('name', '=', user).executeTakeFirst();
      if (!row) return 0;
      const result = await this.db.deleteFrom('sessions').where('user_id', '=', row.id).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  addToken({ name, tokenHash, role, at }: { name: string; tokenHash: string; role: string; at: number }): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db
        .insertInto('api_tokens')
        .values({ name, token_hash: tokenHash, role, created_at: at, last_used_at: null })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    });
  }

  useToken(tokenHash: string, at: number): Promise<TokenRecord | undefined> {
    return this.guard(async () => {
      const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!row) return undefined;
      if (!this.connection.readOnly && (row.last_used_at === null || at - row.last_used_at >= 60_000)) {
        this.connection.checkStillThere();
        await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
        row.last_used_at = at;
      }
      return tokenOf(row);
    });
  }

  tokens(): Promise<TokenRecord[]> {
    return this.guard(async () => (await this.db.selectFrom('api_tokens').selectAll().orderBy('name').execute()).map(tokenOf));
  }

  revokeToken(name: string): Promise<boolean> {
    return this.write(async () => {
      const result = await this.db.deleteFrom('api_tokens').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
  beginLoginAttempt({ keys, at, since }: { keys: { keyHash: string; limit: number }[]; at: number; since: number }): Promise<LoginAttemptStart> {
    return this.write(() =>
      this.db.transaction().execute(async (trx) => {
        // The first statement writes: SQLite takes its write lock; PostgreSQL's lock conflicts with itself and every row change.
        if (this.connection.engine === 'postgres') await sql`lock table login_failures in share row exclusive mode`.execute(trx);
        await trx.deleteFrom('login_failures').where('at', '<=', since).execute();
        let oldest: number | undefined;
        for (const { keyHash, limit } of keys) {
          const rows = await trx.selectFrom('login_failures').select('at').where('key_hash', '=', keyHash).where('at', '>', since).orderBy('at', 'desc').limit(limit).execute();
          if (rows.length >= limit) oldest = Math.max(oldest ?? -Infinity, rows[limit - 1]!.at);
        }
        if (oldest !== undefined) return { counted: false, oldest };
        const ids: number[] = [];
        for (const { keyHash } of keys) ids.push((await trx.insertInto('login_failures').values({ key_hash: keyHash, at }).returning('id').executeTakeFirstOrThrow()).id);
        return { counted: true, ids };
      }),
    );
  }

  forgetLoginAttempt(ids: number[]): Promise<void> {
    return this.write(async () => {
      if (ids.length > 0) await this.db.deleteFrom('login_failures').where('id', 'in', ids).execute();
    });
  }

  loginFailures(keyHash: string, since: number, limit: number): Promise<number[]> {
    return this.guard(async () => {
      const rows = await this.db.selectFrom('login_failures').select('at').where('key_hash', '=', keyHash).where('at', '>', since).orderBy('at', 'desc').limit(limit).execute();
      return rows.map((row) => row.at);
    });
  }

  clearLoginFailures(keyHash: string): Promise<void> {
    return this.write(async () => {
      await this.db.deleteFrom('login_failures').where('key_hash', '=', keyHash).execute();
    });
  }
}

function userOf(row: { name: string; role: string; password_hash: string; totp_secret: string | null; created_at: number; source: string }): UserRecord {
  return { name: row.name, role: row.role, passwordHash: row.password_hash, totpSecret: row.totp_secret ?? undefined, createdAt: row.created_at, source: row.source };
}

function tokenOf(row: { name: string; role: string; created_at: number; last_used_at: number | null }): TokenRecord {
  return { name: row.name, role: row.role, createdAt: row.created_at, lastUsedAt: row.last_used_at ?? undefined };
}

/** The auth tables of the store openStore() returned (both engines are a SqlStore). */
export function authStoreOf(store: Store): AuthStore {
  const auth = (store as { auth?: () => AuthStore }).auth;
  if (typeof auth !== 'function') throw new Error('this store keeps no users');
  return auth.call(store);
}
