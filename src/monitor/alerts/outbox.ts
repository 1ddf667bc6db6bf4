import { setMaxListeners } from 'node:events';
import type { AlertChannel } from './index.js';
import type { Store } from '../store.js';
import type { OutboxEntry } from '../model.js';
import { Claims } from './claims.js';
import type { DeliveryContext } from './define.js';
import { DeliveryError } from './http.js';
import { deliver } from './index.js';
import { graceOver } from '../grace.js';

export interface DispatcherOptions {
  store: Store;
  /** The plan's `alerts:` map, by channel name. */
  channels: Record<string, AlertChannel>;
  context: DeliveryContext;
  log: (event: Record<string, unknown>) => void;
  now?: () => number;
  /** Delay before retry n is baseMs·2^(n-1), capped at maxMs, then jittered down by up to half. */
  backoff?: { baseMs: number; maxMs: number };
  /** Deliveries in flight at once; default 4. */
  concurrency?: number;
  /** Outbox rows read per pass; default 100. */
  batchSize?: number;
}

const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 600_000 };
const MAX_ERROR_CHARS = 500;

/**
 * Delivers the store's alert outbox: each row once, marked delivered as soon as the receiver
 * accepted it, retried with exponential backoff otherwise. Alerts that share a channel and a
 * dedup key (an incident's opening and resolution) go out in order: the store's dueAlerts holds
 * back a row while an earlier one of its group is undelivered (across restarts too).
 */
export class AlertDispatcher {
  private channels: Record<string, AlertChannel>;
  private readonly claims: Claims;
  private readonly now: () => number;
  private readonly backoff: { baseMs: number; maxMs: number };
  /** Rows a receiver accepted whose markDelivered failed: marked again, never sent again. */
  private readonly unmarked = new Map<number, number>();
  private readonly passes = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private intervalMs = 0;
  private looping: Promise<void> | undefined;
  private woken = false;
  private stopped = false;
  private inFlight = 0;
  /** Aborts the deliveries in flight when stop() runs out of time. */
  private readonly shutdown = new AbortController();

  /** Secrets, trusted CAs and timeouts for deliveries; a reload may change them. */
  private context: DeliveryContext;

  constructor(private readonly options: DispatcherOptions) {
    this.context = options.context;
    this.channels = options.channels;
    this.claims = Claims.of(options.store);
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    setMaxListeners(0, this.shutdown.signal);
  }

  /** Deliveries in flight. */
  get delivering(): number {
    return this.inFlight;
  }

  /** After a plan reload: later deliveries use the new channel map. */
  setChannels(channels: Record<string, AlertChannel>, context?: DeliveryContext): void {
    this.channels = channels;
    if (context) this.context = context;
  }

  /** Delivers every due entry once (bounded concurrency); resolves to the number delivered. */
  deliverDue(): Promise<number> {
    const pass = this.pass();
    this.passes.add(pass);
    void pass.finally(() => this.passes.delete(pass)).catch(() => undefined);
    return pass.then((result) => result.delivered);
  }

  /** Polls every `intervalMs`; wake() runs a pass at once. */
  start(intervalMs: number): void {
    if (this.stopped || this.intervalMs > 0) return;
    this.intervalMs = intervalMs;
    this.schedule(0);
  }

  /** Delivers right away (after a commit that added alerts) instead of at the next poll. */
  wake(): void {
    if (this.stopped || this.intervalMs === 0) return;
    if (this.looping) this.woken = true;
    else this.schedule(0);
  }

  /**
   * Stops polling and waits for the deliveries in flight, at most `graceMs`: then they are
   * aborted and stay pending as they were (sent again at the next start: at least once). Due rows
   * not yet attempted stay as they are.
   */
  async stop(graceMs = Infinity, hurry?: AbortSignal): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const settled = Promise.allSettled([this.looping, ...this.passes]);
    const { over, cancel } = graceOver(graceMs, hurry);
    if ((await Promise.race([settled, over])) === 'late') this.shutdown.abort(new Error('shutting down'));
    cancel();
    await settled;
    await this.markAccepted();
    for (const id of this.unmarked.keys()) this.claims.release(id);
    this.unmarked.clear();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), delayMs);
    this.timer.unref();
  }

  private loop(): void {
    this.timer = undefined;
    const pass = this.pass();
    this.passes.add(pass);
    this.looping = pass.then(
      ({ full, delivered }) => {
        this.passes.delete(pass);
        this.looping = undefined;
        if (this.stopped) return;
        // A delivery may have let the next alert of its group become due.
        const again = full || this.woken || delivered > 0;
        this.woken = false;
        this.schedule(again ? 0 : this.intervalMs);
      },
      (error: unknown) => {
        this.passes.delete(pass);
        this.looping = undefined;
        this.options.log({ event: 'alert.outbox-error', msg: 'the alert outbox could not be read', error: message(error) });
        if (!this.stopped) this.schedule(this.intervalMs);
      },
    );
  }

  private async pass(): Promise<{ delivered: number; full: boolean }> {
    await this.markAccepted();
    const batchSize = this.options.batchSize ?? 100;
    // At most one row per channel and dedup key: the store holds the later ones back.
    const entries = await this.claims.claim(() => this.options.store.dueAlerts(this.now(), batchSize));
    let delivered = 0;
    const queue = [...entries];
    const worker = async () => {
      // After stop(), no new attempts: shutdown waits for the deliveries in flight only.
      for (let entry = this.stopped ? undefined : queue.shift(); entry; entry = this.stopped ? undefined : queue.shift()) if (await this.settle(entry)) delivered++;
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, queue.length) }, worker));
    // The rows left unattempted keep their state: a later start (or process) sends them.
    for (const entry of queue.splice(0)) this.claims.release(entry.id);
    return { delivered, full: entries.length >= batchSize };
  }

  /** One attempt at one claimed row, and its outcome written; true when it was delivered. */
  private async settle(entry: OutboxEntry): Promise<boolean> {
    let keepClaim = false;
    this.inFlight++;
    try {
      const channel = this.channels[entry.channel];
      try {
        if (!channel) throw new Error(`channel "${entry.channel}" is no longer in the plan's alerts; the alert waits until it is back`);
        await deliver(channel, entry.event, { ...this.context, signal: this.shutdown.signal });
      } catch (error) {
        if (this.shutdown.signal.aborted) {
          this.options.log({ event: 'alert.abandoned', msg: 'alert delivery abandoned at shutdown; it stays pending and is sent at the next start', channel: entry.channel, key: entry.event.key, monitor: entry.event.monitor });
          return false;
        }
        await this.failed(entry, error);
        return false;
      }
      const at = this.now();
      try {
        await this.options.store.markDelivered(entry.id, at);
      } catch (error) {
        keepClaim = true;
        this.unmarked.set(entry.id, at);
        this.options.log({ event: 'alert.mark-failed', msg: 'an accepted alert could not be marked delivered; it will be marked again, not resent', channel: entry.channel, key: entry.event.key, error: message(error) });
      }
      this.options.log({ event: 'alert.delivered', msg: 'alert delivered', channel: entry.channel, key: entry.event.key, monitor: entry.event.monitor, attempts: entry.attempts + 1 });
      return true;
    } catch (error) {
      this.options.log({ event: 'alert.outbox-error', msg: 'the alert outbox could not be updated', channel: entry.channel, key: entry.event.key, error: message(error) });
      return false;
    } finally {
      this.inFlight--;
      if (!keepClaim) this.claims.release(entry.id);
    }
  }

  private async failed(entry: OutboxEntry, error: unknown): Promise<void> {
    const attempt = entry.attempts + 1;
    const retryAfterMs = error instanceof DeliveryError ? (error.retryAfterMs ?? 0) : 0;
    const delayMs = Math.max(backoffMs(attempt, this.backoff), retryAfterMs);
    const failedAt = this.now();
    const nextAttemptAt = failedAt + delayMs;
    const reason = clip(message(error));
    this.options.log({ event: 'alert.failed', msg: 'alert delivery failed', channel: entry.channel, key: entry.event.key, monitor: entry.event.monitor, attempt, error: reason, retryInMs: delayMs });
    await this.options.store.markFailed(entry.id, reason, nextAttemptAt, failedAt);
  }

  /** Writes the deliveries whose markDelivered failed earlier. */
  private async markAccepted(): Promise<void> {
    for (const [id, at] of [...this.unmarked]) {
      try {
        await this.options.store.markDelivered(id, at);
      } catch {
        continue;
      }
      this.unmarked.delete(id);
      this.claims.release(id);
    }
  }
}

/** The delay before attempt `attempt + 1`, after `attempt` failures: exponential, capped, with equal jitter. */
export function backoffMs(attempt: number, backoff: { baseMs: number; maxMs: number }): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clip(text: string): string {
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
