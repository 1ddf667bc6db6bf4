import type { AuthStore } from '../../store/auth.js';
import { sha256Hex } from './secrets.js';

export type LoginFailureStore = Pick<AuthStore, 'addLoginFailure' | 'loginFailures' | 'clearLoginFailures'>;

export interface LoginLimits {
  perUser: number;
  perClient: number;
  windowMs: number;
}

/**
 * Failed sign-ins counted per user name and per client address over a sliding window, in the
 * store: every harden serve process on one database counts the same failures, and a restart
 * forgets none. Past the limit a key is refused until its oldest failure leaves the window.
 * Keys are kept as their SHA-256: a user name field often holds a mistyped password.
 */
export class LoginLimiter {
  constructor(
    private readonly store: LoginFailureStore,
    private readonly limits: LoginLimits = { perUser: 5, perClient: 20, windowMs: 15 * 60_000 },
  ) {}

  /** Seconds until the user or client may try again, or 0. */
  async retryAfter(user: string, client: string, now: number): Promise<number> {
    const [byUser, byClient] = await Promise.all([this.#wait(userKey(user), this.limits.perUser, now), this.#wait(clientKey(client), this.limits.perClient, now)]);
    return Math.ceil(Math.max(byUser, byClient) / 1000);
  }

  failed(user: string, client: string, now: number): Promise<void> {
    return this.store.addLoginFailure({ keyHashes: [userKey(user), clientKey(client)], at: now, forgetUpTo: now - this.limits.windowMs });
  }

  /** A success clears the user's failures (not the client's). */
  succeeded(user: string): Promise<void> {
    return this.store.clearLoginFailures(userKey(user));
  }

  async #wait(keyHash: string, limit: number, now: number): Promise<number> {
    const recent = await this.store.loginFailures(keyHash, now - this.limits.windowMs, limit);
    if (recent.length < limit) return 0;
    return recent[limit - 1]! + this.limits.windowMs - now;
  }
}

const userKey = (user: string) => sha256Hex(`user:${user}`);
const clientKey = (client: string) => sha256Hex(`client:${client}`);
