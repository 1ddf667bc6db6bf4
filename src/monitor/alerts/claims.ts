import type { OutboxEntry } from '../model.js';
import type { Store } from '../store.js';

/**
 * Which outbox rows some dispatcher of this process is working on, per store. Process-wide on
 * purpose: two dispatchers over one store, or overlapping passes of one, must not both send a row.
 *
 * A row is released only while no fetch is outstanding: a fetch that started before the row was
 * marked may still return it as due, and must find it claimed.
 */
export class Claims {
  private readonly claimed = new Set<number>();
  private fetching = 0;
  private deferred: number[] = [];

  static of(store: Store): Claims {
    let claims = registry.get(store);
    if (!claims) {
      claims = new Claims();
      registry.set(store, claims);
    }
    return claims;
  }

  /** Runs `fetch` and claims the rows it returns that nobody holds; the caller must release each. */
  async claim(fetch: () => Promise<OutboxEntry[]>): Promise<OutboxEntry[]> {
    this.fetching++;
    try {
      const rows = await fetch();
      const mine = rows.filter((row) => !this.claimed.has(row.id));
      for (const row of mine) this.claimed.add(row.id);
      return mine;
    } finally {
      this.fetching--;
      if (this.fetching === 0) {
        for (const id of this.deferred) this.claimed.delete(id);
        this.deferred = [];
      }
    }
  }

  has(id: number): boolean {
    return this.claimed.has(id);
  }

  /** Call once the row's new state (delivered, or failed with its next attempt) is written. */
  release(id: number): void {
    if (this.fetching > 0) this.deferred.push(id);
    else this.claimed.delete(id);
  }
}

const registry = new WeakMap<Store, Claims>();
