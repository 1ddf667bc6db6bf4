import { createHash } from 'node:crypto';
import { INCIDENT_PHASES, type AlertEvent, type IncidentPhase, type IncidentUpdate } from '../../monitor/model.js';
import type { StatusPlan } from '../../status/schema.js';

export const MAX_MESSAGE_CHARS = 2000;

/** The posted phase and message, or what is wrong with them. */
export function parseUpdate(fields: ReadonlyMap<string, string>): { phase: IncidentPhase; message: string } | { problem: string } {
  const phase = fields.get('phase');
  const message = (fields.get('message') ?? '').trim();
  if (!INCIDENT_PHASES.includes(phase as IncidentPhase)) return { problem: `phase: expected one of ${INCIDENT_PHASES.join(', ')}` };
  if (message === '') return { problem: 'message: write what is known' };
  if ([...message].length > MAX_MESSAGE_CHARS) return { problem: `message: at most ${MAX_MESSAGE_CHARS} characters` };
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(message)) return { problem: 'message: no control characters' };
  return { phase: phase as IncidentPhase, message };
}

/** The alert an update sends to each of its monitor's channels: ordered after the incident's own alerts (same dedup key). */
export function updateAlerts(plan: StatusPlan, update: IncidentUpdate, monitor: string, target: string): { channel: string; event: AlertEvent }[] {
  const channels = plan.monitors.find((candidate) => candidate.name === monitor)?.alert ?? [];
  const event: AlertEvent = {
    // Two updates in the same millisecond stay two alerts; the same one posted twice is sent once.
    key: `update:${update.incident}:${update.at}:${createHash('sha256').update(`${update.phase}\n${update.message}`).digest('base64url').slice(0, 12)}`,
    kind: 'incident.update',
    monitor,
    at: update.at,
    title: `${monitor} incident update: ${update.phase}`,
    reason: update.message,
    dedupKey: update.incident,
    target,
  };
  return channels.map((channel) => ({ channel, event }));
}
