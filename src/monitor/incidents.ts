import { formatElapsed } from '../duration.js';
import type { AlertEvent, Incident, MonitorState, Sample } from './model.js';

export interface IncidentPolicy {
  name: string;
  /** Consecutive failures before an incident opens. */
  confirm: number;
  /** Consecutive successes before it closes. */
  recover: number;
  target: string;
}

export interface IncidentStep {
  state: MonitorState;
  opened?: Incident;
  closed?: Incident;
  /** The alert to send, if the step opened or closed an incident. */
  event?: AlertEvent;
}

export function initialState(monitor: string): MonitorState {
  return { monitor, consecutiveFailures: 0, consecutiveSuccesses: 0, firstFailure: null, openIncident: null, lastSampleAt: null, lastOk: null };
}

/**
 * One sample through a monitor's state: `confirm` failures in a row open one incident, kept
 * open through further failures; `recover` successes in a row close it. Samples taken in
 * maintenance never count as failures and end a run of them (successes still close an incident
 * opened before).
 */
export function step(state: MonitorState, sample: Sample, policy: IncidentPolicy, openIncident: Incident | undefined): IncidentStep {
  const next: MonitorState = { ...state, lastSampleAt: sample.at, lastOk: sample.ok };
  if (sample.ok) {
    next.consecutiveSuccesses++;
    next.consecutiveFailures = 0;
    next.firstFailure = null;
    if (!openIncident || next.consecutiveSuccesses < policy.recover) return { state: next };
    next.openIncident = null;
    const closed: Incident = { ...openIncident, closedAt: sample.at };
    return { state: next, closed, event: resolvedEvent(closed, policy) };
  }
  if (sample.maintenance) {
    // A window of expected failures ends any run, of failures or of successes: counting starts afresh after it.
    next.consecutiveFailures = 0;
    next.consecutiveSuccesses = 0;
    next.firstFailure = null;
    return { state: next };
  }
  next.consecutiveFailures++;
  next.consecutiveSuccesses = 0;
  next.firstFailure ??= sample;
  if (openIncident || next.consecutiveFailures < policy.confirm) return { state: next };
  const opened: Incident = {
    key: `${policy.name}@${sample.at}`,
    monitor: policy.name,
    openedAt: sample.at,
    closedAt: null,
    reason: sample.reason ?? 'down',
    firstFailure: next.firstFailure,
  };
  next.openIncident = opened.key;
  return { state: next, opened, event: openedEvent(opened, policy) };
}

function openedEvent(incident: Incident, policy: IncidentPolicy): AlertEvent {
  const failures = policy.confirm > 1 ? ` (${policy.confirm} checks in a row)` : '';
  return {
    key: `incident:${incident.key}:opened`,
    kind: 'incident.opened',
    monitor: incident.monitor,
    at: incident.openedAt,
    title: `${incident.monitor} is down${failures}`,
    reason: incident.reason,
    dedupKey: `incident:${incident.key}`,
    target: policy.target,
  };
}

/** The alert for a closed incident; `why` replaces the usual "up again after …" title. */
export function resolvedEvent(incident: Incident, policy: IncidentPolicy, why?: string): AlertEvent {
  const downFor = formatElapsed(Math.max(0, (incident.closedAt ?? incident.openedAt) - incident.firstFailure.at));
  return {
    key: `incident:${incident.key}:resolved`,
    kind: 'incident.resolved',
    monitor: incident.monitor,
    at: incident.closedAt ?? incident.openedAt,
    title: why ? `${incident.monitor}: ${why}` : `${incident.monitor} is up again after ${downFor}`,
    reason: `was down: ${incident.reason}`,
    dedupKey: `incident:${incident.key}`,
    target: policy.target,
  };
}
