import type { AuthStore } from '../../store/auth.js';
import { sha256Hex } from './secrets.js';

export type LoginFailureStore = Pick<AuthStore, 'beginLoginAttempt' | 'forgetLoginAttempt' | 'clearLoginFailures'>;

export interface LoginLimits {
  perUser: number;
  perClient: number;
  windowMs: number;
}

export interface LoginAttempt {
  /** Seconds until the user or client may try again; 0: go on, this attempt counts as a failure unless told otherwise. */
  retryAfter: number;
  /** The password (or code) was right: the user's failures and this attempt are forgotten, the client's other failures not. */
  succeeded(): Promise<void>;
  /** Right so far (the password, a second factor still due): this attempt counts for nothing. */
  forget(): Promise<void>;
}

/**
 * Failed sign-ins counted per user name and per client address over a sliding window, in the
 * store: every harden serve process on one database counts the same failures, and a restart
 * forgets none. Past the limit a key is refused until its oldest failure leaves the window.
 * An attempt counts as a failure from its start, before the password is checked, so attempts
 * sent at once (to one process or several) cannot all pass. Keys are kept as their SHA-256: a
 * user name field often holds a mistyped password.
 */
export class LoginLimiter {
  constructor(
    private readonly store: LoginFailureStore,
    private readonly limits: LoginLimits = { perUser: 5, perClient: 20, windowMs: 15 * 60_000 },
  ) {}

  async attempt(user: string, client: string, now: number): Promise<LoginAttempt> {
    const { windowMs } = this.limits;
    const userHash = userKey(user);
    const start = await this.store.beginLoginAttempt({
      keys: [
        { keyHash: userHash, limit: this.limits.perUser },
        { keyHash: clientKey(client), limit: this.limits.perClient },
      ],
      at: now,
      since: now - windowMs,
    });
    if (!start.counted) return { retryAfter: Math.ceil((start.oldest + windowMs - now) / 1000), succeeded: async () => undefined, forget: async () => undefined };
    return {
      retryAfter: 0,
      succeeded: async () => {
        await this.store.forgetLoginAttempt(start.ids);
        await this.store.clearLoginFailures(userHash);
      },
      forget: () => this.store.forgetLoginAttempt(start.ids),
    };
  }
}

const userKey = (user: string) => sha256Hex(`user:${user}`);
const clientKey = (client: string) => sha256Hex(`client:${client}`);

/** `harden user unlock`: forgets the failed sign-ins counted against a user name and, when given, a client address. */
export async function unlockSignIn(store: Pick<AuthStore, 'clearLoginFailures'>, user: string, client?: string): Promise<void> {
  await store.clearLoginFailures(userKey(user));
  if (client !== undefined) await store.clearLoginFailures(clientKey(client));
}
