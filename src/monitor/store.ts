import type { AlertEvent, Incident, IncidentUpdate, MonitorState, OutboxEntry, Sample } from './model.js';

/** Everything one scheduler tick decided, written in one transaction (all or nothing). */
export interface Batch {
  samples: Sample[];
  /** Upserted by monitor name. */
  states: MonitorState[];
  opened: Incident[];
  closed: { key: string; closedAt: number }[];
  /** Inserted once per (channel, event.key): a repeat is ignored, so replays cannot duplicate an alert. */
  alerts: { channel: string; event: AlertEvent }[];
}

export type Tier = 'raw' | 'minute' | 'hour' | 'day';

export interface Retention {
  raw: number;
  minute: number;
  hour: number;
  day: number;
}

/** Uptime and latency of one monitor over a span, from rollups (and raw samples for the newest minutes). */
export interface WindowSummary {
  total: number;
  /** Down samples outside maintenance. */
  failed: number;
  /** Samples taken during maintenance: in total, never in failed. */
  maintenance: number;
  /** Latency quantiles in ms over up samples; null when there were none. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One monitor's samples over one hour or day of a bucketed series (status page bars, sparklines). */
export interface Bucket {
  /** The bucket's first ms. */
  start: number;
  total: number;
  /** Down samples outside maintenance. */
  failed: number;
  maintenance: number;
  up: number;
  /** Mean latency in ms of the up samples; null when there were none. */
  meanMs: number | null;
}

export interface OutboxStats {
  channel: string;
  pending: number;
  /** Pending entries that have failed at least once. */
  failing: number;
  delivered: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

/** An outbox entry as the dashboard lists it: when it was queued and when it last failed. */
export interface OutboxRow extends OutboxEntry {
  createdAt: number;
  lastErrorAt: number | null;
}

/** One plan item in a recorded `harden verify --record` run. */
export interface VerifyItemRecord {
  id: string;
  title: string;
  stage: string | null;
  /** The plan's claimed status (open, in-progress, done, accepted). */
  claimed: string;
  /** The verdict (verified, regression, …). */
  verdict: string;
}

/** A recorded verify run: the store keeps it for the dashboard's plan register and progress. */
export interface VerifyRunRecord {
  at: number;
  items: VerifyItemRecord[];
  /** Items per verdict. */
  counts: Record<string, number>;
}

/**
 * The monitor's persistence: SQLite (WAL) by default, PostgreSQL when HARDEN_DATABASE_URL is
 * set. Times are epoch milliseconds. Every method may throw StoreError (disk full, read-only).
 */
export interface Store {
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  commit(batch: Batch): Promise<void>;

  states(): Promise<MonitorState[]>;
  openIncidents(): Promise<Incident[]>;
  /** Newest first; with `since`, those open at any time since then (closed after it, or still open). */
  incidents(query: { monitor?: string; since?: number; limit?: number }): Promise<Incident[]>;
  /** Raw samples (as far back as retention.raw keeps them), newest first. Phases come back in whole ms. */
  samples(query: { monitor: string; since?: number; limit?: number }): Promise<Sample[]>;
  summary(monitor: string, since: number, now: number): Promise<WindowSummary>;
  /**
   * summary() of every monitor with samples in the span, by name, in one pass (status tables,
   * metrics). The span is rounded out to whole minutes.
   */
  summaries(since: number, now: number): Promise<Map<string, WindowSummary>>;
  /**
   * Every monitor's hour or day buckets with samples in [since, now), oldest first, by name:
   * the tier's rollups plus the raw samples it has not folded yet. `since` is rounded down to
   * the bucket. Reads counts and latency sums only, never histograms.
   */
  buckets(tier: 'hour' | 'day', since: number, now: number): Promise<Map<string, Bucket[]>>;
  /**
   * buckets() from `since` on, raw samples whatever their time (a sample taken after `now` is in
   * the buckets that start after it), and `through`: the highest raw sample id they count. With
   * `after` (an earlier call's `through`), only the raw samples recorded since: added to that
   * call's buckets, they keep them current without reading the rollups again.
   */
  bucketsFrom(tier: 'hour' | 'day', since: number, now: number, after?: number): Promise<{ buckets: Map<string, Bucket[]>; through: number }>;

  /**
   * Undelivered entries whose nextAttemptAt has come, oldest first; an entry is left out while an
   * earlier one (smaller id) of the same channel and event.dedupKey is undelivered.
   */
  dueAlerts(now: number, limit: number): Promise<OutboxEntry[]>;
  markDelivered(id: number, at: number): Promise<void>;
  /** `at`: when the attempt failed (reported as lastErrorAt); defaults to the clock. */
  markFailed(id: number, error: string, nextAttemptAt: number, at?: number): Promise<void>;
  outboxStats(): Promise<OutboxStats[]>;
  /** Undelivered entries (pending, and failing ones with their last error), oldest first. */
  pendingAlerts(limit: number): Promise<OutboxRow[]>;
  /** Makes an undelivered entry due at `now` (a retry asked for by hand); false when there is no such undelivered entry. */
  retryAlert(id: number, now: number): Promise<boolean>;

  /** Stores an operator's update of an incident and queues its alerts, in one transaction; false when the incident is unknown. */
  addIncidentUpdate(update: IncidentUpdate, alerts: { channel: string; event: AlertEvent }[]): Promise<boolean>;
  /** Updates of these incidents (all when omitted), oldest first. */
  incidentUpdates(incidents?: readonly string[]): Promise<IncidentUpdate[]>;

  recordVerifyRun(run: VerifyRunRecord): Promise<number>;
  /** The newest `limit` runs with their items, oldest first. */
  verifyRuns(limit: number): Promise<VerifyRunRecord[]>;

  /**
   * Folds raw samples into minute/hour/day rollups (minute every call, hour and day every 10
   * minutes of `now`), then drops what retention no longer keeps. Incremental and idempotent;
   * call it every minute or few. Delivered outbox entries older than retention.hour go too.
   */
  compact(now: number, retention: Retention): Promise<void>;
  /** Bytes the database takes on disk (SQLite: file + WAL; PostgreSQL: pg_database_size). */
  sizeBytes(): Promise<number>;
  /**
   * Checks the database's integrity (SQLite: PRAGMA integrity_check, or quick_check with
   * `quick`, which skips index contents and is much faster on large files); the problems found.
   */
  integrityCheck(options?: { quick?: boolean }): Promise<string[]>;
  close(): Promise<void>;
}

/** The database refused a write or could not be opened: a clear message for the user. */
export class StoreError extends Error {
  /** The database cannot be reached for now (a server restarting): the same write may succeed later. */
  readonly transient: boolean;

  constructor(message: string, options?: { cause?: unknown; transient?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.transient = options?.transient ?? false;
  }
}
