/**
 * Failed sign-ins counted per user name and per client address over a sliding window, in the
 * server's memory (a restart forgets them; several servers count apart). Past the limit a key
 * is refused until its oldest failure leaves the window.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { perUser: number; perClient: number; windowMs: number } = { perUser: 5, perClient: 20, windowMs: 15 * 60_000 },
  ) {}

  /** Seconds until the user or client may try again, or 0. */
  retryAfter(user: string, client: string, now: number): number {
    const wait = Math.max(this.#wait(`user:${user}`, this.limits.perUser, now), this.#wait(`client:${client}`, this.limits.perClient, now));
    return Math.ceil(wait / 1000);
  }

  failed(user: string, client: string, now: number): void {
    for (const key of [`user:${user}`, `client:${client}`]) this.#failures.set(key, [...this.#recent(key, now), now]);
    if (this.#failures.size > 100_000) this.#sweep(now);
  }

  /** A success clears the user's failures (not the client's). */
  succeeded(user: string): void {
    this.#failures.delete(`user:${user}`);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => now - at < this.limits.windowMs);
  }

  #wait(key: string, limit: number, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + this.limits.windowMs - now;
  }

  #sweep(now: number): void {
    for (const key of this.#failures.keys()) if (this.#recent(key, now).length === 0) this.#failures.delete(key);
  }
}
