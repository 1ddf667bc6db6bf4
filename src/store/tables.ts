import type { Generated } from 'kysely';

/** Row shapes of the store's tables (migrations.ts creates them). Times are epoch ms. */
export interface Tables {
  monitors: { id: Generated<number>; name: string };
  /**
   * One probe. flags: bit 0 up, bit 1 maintenance. Latency in µs, phases in whole ms,
   * reason only on down samples (cut at 300 characters). id grows with insertion order: the
   * tiers' watermarks are ids.
   */
  samples: {
    id: Generated<number>;
    monitor_id: number;
    at: number;
    flags: number;
    latency_us: number;
    status: number | null;
    dns_ms: number | null;
    connect_ms: number | null;
    tls_ms: number | null;
    first_byte_ms: number | null;
    reason: string | null;
  };
  rollup_minute: RollupRow;
  rollup_hour: RollupRow;
  rollup_day: RollupRow;
  monitor_states: {
    monitor_id: number;
    consecutive_failures: number;
    consecutive_successes: number;
    first_failure: string | null;
    open_incident: string | null;
    last_sample_at: number | null;
    last_ok: number | null;
  };
  incidents: {
    key: string;
    monitor_id: number;
    opened_at: number;
    closed_at: number | null;
    reason: string;
    first_failure: string;
  };
  outbox: {
    id: Generated<number>;
    channel: string;
    event_key: string;
    event: string;
    /** event.dedupKey: a row is due only once the earlier rows of its channel and dedup key are delivered. */
    dedup_key: string | null;
    created_at: number;
    attempts: number;
    next_attempt_at: number;
    delivered_at: number | null;
    last_error: string | null;
    last_error_at: number | null;
  };
  /** harden serve's users. source: 'password' or 'oidc' (password_hash '': none); totp_last_step: the 30-second step of the last code accepted; password_hash: argon2id (PHC string); totp_secret: base32, as the database keeps every other value (see docs/architecture.md). */
  users: { id: Generated<number>; name: string; role: string; password_hash: string; totp_secret: string | null; created_at: number; source: Generated<string>; totp_last_step: Generated<number | null> };
  /** id_hash: SHA-256 (hex) of the cookie's value. pending_totp 1: the password was right, the second factor is still due. */
  sessions: { id_hash: string; user_id: number; pending_totp: number; created_at: number; last_seen_at: number; expires_at: number };
  /** token_hash: SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  api_tokens: { id: Generated<number>; name: string; token_hash: string; role: string; created_at: number; last_used_at: number | null };
  /** Failed sign-ins, deleted once out of the limiter's window. key_hash: SHA-256 (hex) of 'user:NAME' or 'client:ADDRESS' (a name field often holds a mistyped password). */
  login_failures: { id: Generated<number>; key_hash: string; at: number };
  /** Operators' write-ups of incidents (the incident's key; author is a user name). */
  incident_updates: { id: Generated<number>; incident_key: string; at: number; phase: string; message: string; author: string };
  /** Recorded `harden verify --record` runs; counts is a JSON object of items per verdict. */
  verify_runs: { id: Generated<number>; at: number; counts: string };
  verify_items: { run_id: number; item: string; title: string; stage: string | null; claimed: string; verdict: string };
  /** Small named numbers: each tier's watermark (watermark:TABLE) and last fold time (folded_at:TABLE). */
  store_meta: { key: string; value: number };
}

/** One monitor's samples over one minute, hour or day (start = the bucket's first ms). */
export interface RollupRow {
  monitor_id: number;
  start: number;
  total: number;
  /** Down samples outside maintenance. */
  failed: number;
  maintenance: number;
  /** Up samples: the ones latency_* and hist describe. */
  up: number;
  latency_sum_us: number;
  latency_min_us: number | null;
  latency_max_us: number | null;
  /** histogram.ts encode(). */
  hist: Buffer;
}

export type RollupTable = 'rollup_minute' | 'rollup_hour' | 'rollup_day';
