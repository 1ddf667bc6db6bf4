import type { Insertable, Selectable } from 'kysely';
import type { AlertEvent, Incident, OutboxEntry, Sample } from '../monitor/model.js';
import { MAINTENANCE, UP } from './aggregate.js';
import type { Tables } from './tables.js';

/** Conversions between the model's objects and the tables' rows. */

type SampleRow = Selectable<Tables['samples']>;
export type IncidentRow = Tables['incidents'] & { monitor: string };
type OutboxRow = Selectable<Tables['outbox']>;

const round = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : Math.round(ms));
/** Raw rows stay small: a down sample's reason is cut here (incidents keep theirs whole). */
const REASON_CHARS = 300;
/** latency_us is a 32-bit integer column (PostgreSQL): a slower probe (over ~35.8 min) is kept as this. */
export const MAX_LATENCY_US = 2_147_483_647;

export function sampleRow(monitorId: number, sample: Sample): Insertable<Tables['samples']> {
  return {
    monitor_id: monitorId,
    at: sample.at,
    flags: (sample.ok ? UP : 0) | (sample.maintenance ? MAINTENANCE : 0),
    latency_us: Number.isFinite(sample.latencyMs) ? Math.min(MAX_LATENCY_US, Math.max(0, Math.round(sample.latencyMs * 1000))) : 0,
    status: sample.status ?? null,
    dns_ms: round(sample.phases?.dnsMs),
    connect_ms: round(sample.phases?.connectMs),
    tls_ms: round(sample.phases?.tlsMs),
    first_byte_ms: round(sample.phases?.firstByteMs),
    reason: sample.ok || sample.reason === undefined ? null : sample.reason.slice(0, REASON_CHARS),
  };
}

export function sampleOf(monitor: string, row: SampleRow): Sample {
  const sample: Sample = { monitor, at: Number(row.at), ok: (row.flags & UP) !== 0, latencyMs: row.latency_us / 1000 };
  const phases = { dnsMs: row.dns_ms, connectMs: row.connect_ms, tlsMs: row.tls_ms, firstByteMs: row.first_byte_ms };
  const present = Object.entries(phases).filter(([, value]) => value !== null);
  if (present.length > 0) sample.phases = Object.fromEntries(present);
  if (row.status !== null) sample.status = row.status;
  if (row.reason !== null) sample.reason = row.reason;
  if (row.flags & MAINTENANCE) sample.maintenance = true;
  return sample;
}

export function incidentOf(row: IncidentRow): Incident {
  return {
    key: row.key,
    monitor: row.monitor,
    openedAt: Number(row.opened_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    reason: row.reason,
    firstFailure: JSON.parse(row.first_failure) as Sample,
  };
}

export function outboxOf(row: OutboxRow): OutboxEntry {
  return {
    id: Number(row.id),
    channel: row.channel,
    event: JSON.parse(row.event) as AlertEvent,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    lastError: row.last_error,
  };
}
