/** What a monitor probes: the key of its probe in the plan (`http:`, `tcp:`, `dns:`, `tls:`). */
export type MonitorKind = 'http' | 'tcp' | 'dns' | 'tls';

/** Where a probe's time went, in milliseconds (HTTP fills all four; TCP only connect). */
export interface Phases {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
}

/** One probe of one monitor. */
export interface Sample {
  monitor: string;
  /** Epoch milliseconds when the probe started. */
  at: number;
  ok: boolean;
  latencyMs: number;
  phases?: Phases;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Why the sample is down: the failed condition or the error ("timeout after 10s", "status == 200: got 503"). */
  reason?: string;
  /** Taken during a maintenance window: kept, marked, and never counted against the monitor. */
  maintenance?: boolean;
}

/** An outage of one monitor: from the confirm-th consecutive failure to the recover-th success. */
export interface Incident {
  /** Stable identity: `${monitor}@${openedAt}`; alert dedup keys derive from it. */
  key: string;
  monitor: string;
  openedAt: number;
  closedAt: number | null;
  reason: string;
  /** The first failing sample of the run of failures that opened it. */
  firstFailure: Sample;
}

/**
 * `test`: sent by `harden monitor test-alert` to show a channel delivers; it opens and resolves nothing.
 * `incident.update`: an operator's write-up of an incident (its phase and a message); it resolves nothing.
 */
export type AlertKind = 'incident.opened' | 'incident.resolved' | 'trigger.fired' | 'trigger.resolved' | 'test' | 'incident.update';

export const INCIDENT_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

/** What an operator wrote about an incident, shown on its public timeline. */
export interface IncidentUpdate {
  /** The incident's key. */
  incident: string;
  at: number;
  phase: IncidentPhase;
  message: string;
  /** The user who wrote it (kept off public pages). */
  author: string;
}

/** What a channel is asked to tell people; identical for every channel it goes to. */
export interface AlertEvent {
  /** Unique per event (e.g. `incident:api@1700000000000:opened`); receivers may dedupe on it. */
  key: string;
  kind: AlertKind;
  monitor: string;
  at: number;
  /** One line: "api-health is down" / "api-health is up again after 4m". */
  title: string;
  reason: string;
  /** Groups an event with its resolution (PagerDuty dedup_key): the incident key or `trigger:NAME`. */
  dedupKey: string;
  /** What the monitor probes (URL, host:port, DNS name). */
  target: string;
}

/** An alert waiting in, or delivered from, the durable outbox. One row per (channel, event key). */
export interface OutboxEntry {
  id: number;
  channel: string;
  event: AlertEvent;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

/** What the incident engine keeps per monitor across restarts. */
export interface MonitorState {
  monitor: string;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** The first failure of the current run of failures, kept to open the incident with. */
  firstFailure: Sample | null;
  openIncident: string | null;
  lastSampleAt: number | null;
  lastOk: boolean | null;
}

