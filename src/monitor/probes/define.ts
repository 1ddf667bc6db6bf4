import type { Monitor, MonitorKind } from '../../plan/monitor-schema.js';
import type { Phases } from '../model.js';

/** What a probe measured; conditions ("status == 200", "cert.expires > 14d") are evaluated against it. */
export interface Observation {
  latencyMs: number;
  phases?: Phases;
  /** HTTP */
  status?: number;
  headers?: ReadonlyMap<string, readonly string[]>;
  body?: string;
  /** HTTPS and TLS: the leaf certificate's notAfter, epoch ms. */
  certExpiresAt?: number;
  /** DNS: the answers as text (TXT joined, MX as "10 mail.example.com"). */
  answers?: string[];
}

/** Shared by every probe of a daemon: trusted CAs, the clock, the DNS server override. */
export interface ProbeEnv {
  /** Extra trusted CA certificates (PEM). Keep one array per daemon: the TLS trust built from it is cached by identity. */
  ca: string[];
  now(): number;
}

/** What the monitor's conditions read, so a probe can skip the rest (an unread body is drained, not decoded). */
export interface ObservationNeeds {
  body: boolean;
}

export interface ProbeDefinition<K extends MonitorKind> {
  kind: K;
  /** What the monitor points at, for logs and alerts: URL, host:port, "TXT _dmarc.example.com". */
  target(monitor: Monitor): string;
  /** One measurement. Throws (or rejects on `signal`) when the target cannot be reached. */
  observe(monitor: Monitor, env: ProbeEnv, signal: AbortSignal, needs?: ObservationNeeds): Promise<Observation>;
}

export function defineProbe<K extends MonitorKind>(definition: ProbeDefinition<K>): ProbeDefinition<K> {
  return definition;
}
