import type { AlertEvent, Incident, MonitorState, Sample } from './model.js';
import { StoreError, type Batch, type Store } from './store.js';

export interface RecorderOptions {
  /** Commit at least this often while there is something to write. */
  flushEveryMs: number;
  /** Commit early once this many samples wait. */
  maxSamples: number;
  onCommitted?(batch: Batch): void;
  /** The store refused a write (disk full, read-only): the daemon cannot go on. */
  onFailure(error: Error): void;
  /**
   * The store cannot be reached for now (a database server restarting): what was collected is
   * kept and written once it answers again; the next attempt is in `retryInMs`.
   */
  onRetry?(error: StoreError, retryInMs: number, pendingSamples: number): void;
  /** The store answered again after `downMs`; `droppedSamples` did not fit in memory meanwhile. */
  onRecovered?(downMs: number, droppedSamples: number): void;
  /** Samples kept while the store is unreachable; the oldest are dropped beyond this (states, incidents and alerts never are). */
  maxPendingSamples?: number;
  now?: () => number;
}

const RETRY_MS = { first: 500, max: 10_000 };

/**
 * Collects what probes decided and writes it in one transaction per flush, so that a crash
 * leaves the database at a consistent earlier point: alerts are sent only from committed rows,
 * and what is said about a write (a log line) is said once it is committed.
 */
export class Recorder {
  private samples: Sample[] = [];
  private states = new Map<string, MonitorState>();
  private opened: Incident[] = [];
  private closed: Batch['closed'] = [];
  private alerts: Batch['alerts'] = [];
  private notes: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private committing: Promise<void> = Promise.resolve();
  /** The commit waiting for the running one: later calls join it, so a slow database never queues more than one. */
  private nextCommit: Promise<void> | undefined;
  private failed = false;
  private stopping = false;
  /** While the store is unreachable: since when, the next attempt, the delay after it, and samples dropped. */
  private outage: { since: number; retryAt: number; delayMs: number; dropped: number } | undefined;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly options: RecorderOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get pending(): number {
    return this.samples.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushEveryMs);
  }

  sample(sample: Sample, state: MonitorState): void {
    this.samples.push(sample);
    this.states.set(state.monitor, state);
    if (this.samples.length >= this.options.maxSamples && !this.outage) void this.flush();
  }

  open(incident: Incident): void {
    this.opened.push(incident);
  }

  close(key: string, closedAt: number): void {
    this.closed.push({ key, closedAt });
  }

  alert(channels: readonly string[], event: AlertEvent): void {
    for (const channel of channels) this.alerts.push({ channel, event });
  }

  /** Runs `note` once what has been collected so far is committed (never, if that commit fails for good). */
  afterCommit(note: () => void): void {
    this.notes.push(note);
  }

  /** Commits what has been collected; commits run one after another. */
  flush(): Promise<void> {
    this.nextCommit ??= this.committing.then(() => {
      this.nextCommit = undefined;
      this.committing = this.commitNow();
      return this.committing;
    });
    return this.nextCommit;
  }

  /** The last commit: an unreachable store is now a failure, as nothing can wait any longer. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.flush();
  }

  private async commitNow(): Promise<void> {
    if (this.failed || (this.outage && this.now() < this.outage.retryAt && !this.stopping)) return;
    if (this.samples.length === 0 && this.opened.length === 0 && this.closed.length === 0 && this.alerts.length === 0 && this.states.size === 0 && this.notes.length === 0) return;
    const batch: Batch = { samples: this.samples, states: [...this.states.values()], opened: this.opened, closed: this.closed, alerts: this.alerts };
    const notes = this.notes;
    this.samples = [];
    this.states = new Map();
    this.opened = [];
    this.closed = [];
    this.alerts = [];
    this.notes = [];
    try {
      await this.store.commit(batch);
    } catch (error) {
      if (error instanceof StoreError && error.transient && !this.stopping) return this.keepForRetry(batch, notes, error);
      this.failed = true;
      clearInterval(this.timer);
      this.options.onFailure(error as Error);
      return;
    }
    if (this.outage) {
      this.options.onRecovered?.(this.now() - this.outage.since, this.outage.dropped);
      this.outage = undefined;
    }
    this.options.onCommitted?.(batch);
    for (const note of notes) note();
  }

  /** Puts a batch the store could not take back in front of what arrived since, for the next attempt. */
  private keepForRetry(batch: Batch, notes: (() => void)[], error: StoreError): void {
    this.samples = [...batch.samples, ...this.samples];
    for (const state of batch.states) if (!this.states.has(state.monitor)) this.states.set(state.monitor, state);
    this.opened = [...batch.opened, ...this.opened];
    this.closed = [...batch.closed, ...this.closed];
    this.alerts = [...batch.alerts, ...this.alerts];
    this.notes = [...notes, ...this.notes];
    const now = this.now();
    const outage = (this.outage ??= { since: now, retryAt: now, delayMs: RETRY_MS.first / 2, dropped: 0 });
    const excess = this.samples.length - (this.options.maxPendingSamples ?? 100_000);
    if (excess > 0) {
      this.samples.splice(0, excess);
      outage.dropped += excess;
    }
    outage.delayMs = Math.min(RETRY_MS.max, outage.delayMs * 2);
    outage.retryAt = now + outage.delayMs;
    this.options.onRetry?.(error, outage.delayMs, this.samples.length);
  }
}
