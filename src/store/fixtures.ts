import type { AlertEvent, Incident, Sample } from '../monitor/model.js';
import type { Batch } from '../monitor/store.js';

/** Builders for the store's tests. */
export const T0 = Date.UTC(2026, 0, 5);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function sample(monitor: string, at: number, latencyMs: number, more: Partial<Sample> = {}): Sample {
  return { monitor, at, ok: true, latencyMs, ...more };
}

export function down(monitor: string, at: number, reason = 'status == 200: got 503', more: Partial<Sample> = {}): Sample {
  return { monitor, at, ok: false, latencyMs: 5, reason, ...more };
}

export function batch(parts: Partial<Batch>): Batch {
  return { samples: [], states: [], opened: [], closed: [], alerts: [], ...parts };
}

export function incident(monitor: string, openedAt: number, firstFailure: Sample): Incident {
  return { key: `${monitor}@${openedAt}`, monitor, openedAt, closedAt: null, reason: firstFailure.reason ?? 'down', firstFailure };
}

export function event(key: string, monitor = 'api', at = T0): AlertEvent {
  return { key, kind: 'incident.opened', monitor, at, title: `${monitor} is down`, reason: 'timeout', dedupKey: `${monitor}@${at}`, target: 'https://api.example.test/' };
}
