import type { AlertEvent, Incident, MonitorState, Sample } from './model.js';
import type { Batch, Store } from '../store/store.js';

export interface RecorderOptions {
  /** Commit at least this often while there is something to write. */
  flushEveryMs: number;
  /** Commit early once this many samples wait. */
  maxSamples: number;
  onCommitted?(batch: Batch): void;
  /** The store refused a write (disk full, read-only): the daemon cannot go on. */
  onFailure(error: Error): void;
}

/**
 * Collects what probes decided and writes it in one transaction per flush, so that a crash
 * leaves the database at a consistent earlier point: alerts are sent only from committed rows.
 */
export class Recorder {
  private samples: Sample[] = [];
  private states = new Map<string, MonitorState>();
  private opened: Incident[] = [];
  private closed: Batch['closed'] = [];
  private alerts: Batch['alerts'] = [];
  private timer: NodeJS.Timeout | undefined;
  private committing: Promise<void> = Promise.resolve();
  /** The commit waiting for the running one: later calls join it, so a slow database never queues more than one. */
  private nextCommit: Promise<void> | undefined;
  private failed = false;

  constructor(
    private readonly store: Store,
    private readonly options: RecorderOptions,
  ) {}

  get pending(): number {
    return this.samples.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushEveryMs);
  }

  sample(sample: Sample, state: MonitorState): void {
    this.samples.push(sample);
    this.states.set(state.monitor, state);
    if (this.samples.length >= this.options.maxSamples) void this.flush();
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

  /** Commits what has been collected; commits run one after another. */
  flush(): Promise<void> {
    this.nextCommit ??= this.committing.then(() => {
      this.nextCommit = undefined;
      this.committing = this.commitNow();
      return this.committing;
    });
    return this.nextCommit;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async commitNow(): Promise<void> {
    if (this.failed) return;
    if (this.samples.length === 0 && this.opened.length === 0 && this.closed.length === 0 && this.alerts.length === 0 && this.states.size === 0) return;
    const batch: Batch = { samples: this.samples, states: [...this.states.values()], opened: this.opened, closed: this.closed, alerts: this.alerts };
    this.samples = [];
    this.states = new Map();
    this.opened = [];
    this.closed = [];
    this.alerts = [];
    try {
      await this.store.commit(batch);
      this.options.onCommitted?.(batch);
    } catch (error) {
      this.failed = true;
      clearInterval(this.timer);
      this.options.onFailure(error as Error);
    }
  }
}
