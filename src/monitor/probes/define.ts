import type { z } from 'zod';
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

/** One measurement's circumstances. */
export interface ProbeRun {
  env: ProbeEnv;
  /** Aborts the probe (its timeout, or the daemon stopping). */
  signal: AbortSignal;
  /** The monitor's timeout, already armed on `signal`: for probes that split it between tries. */
  timeoutMs: number;
  needs?: ObservationNeeds;
}

/**
 * A probe: its configuration (under its key in a monitor, `http:`, `tcp:` …) and how one
 * measurement is taken. Adding one is a module here and a line in the registry (index.ts).
 */
export interface ProbeDefinition<Config extends z.ZodType> {
  config: Config;
  /** What the monitor points at, for logs and alerts: URL, host:port, "TXT _dmarc.example.com". */
  target(config: z.output<Config>): string;
  /** One measurement. Throws (or rejects on `signal`) when the target cannot be reached. */
  observe(config: z.output<Config>, run: ProbeRun): Promise<Observation>;
}

export function defineProbe<Config extends z.ZodType>(definition: ProbeDefinition<Config>): ProbeDefinition<Config> {
  return definition;
}
