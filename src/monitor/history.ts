import { displayText as t } from '../display-text.js';
import type { Store } from './store.js';
import { formatElapsed } from '../duration.js';
import type { Incident, Phases, Sample } from './model.js';
import { maskStrings } from './secrets.js';
import { TriggerTracker } from './trigger-tracker.js';

export interface MonitorHistory {
  monitor: string;
  since: number;
  incidents: Incident[];
  /** Newest first. */
  samples: Sample[];
}

export async function monitorHistory(store: Store, monitor: string, since: number, limit: number): Promise<MonitorHistory> {
  const [incidents, samples] = await Promise.all([store.incidents({ monitor, since, limit }), store.samples({ monitor, since, limit })]);
  // Reasons were masked when they were recorded; a database from an older version may hold them raw.
  return maskStrings({ monitor, since, incidents, samples });
}

/** `harden monitor history` as text; reasons (what a server answered) go through displayText (t). */
export function historyText(history: MonitorHistory, now: number): string {
  const lines = [`${t(history.monitor)} since ${iso(history.since)}`, ''];
  lines.push(history.incidents.length ? 'Incidents' : 'No incidents');
  for (const incident of history.incidents) {
    const span = incident.closedAt === null ? `open for ${formatElapsed(now - incident.openedAt)}` : `${formatElapsed(incident.closedAt - incident.firstFailure.at)} down`;
    lines.push(`  ${iso(incident.openedAt)}  ${span}  ${TriggerTracker.owns(incident) ? 'trigger ' : ''}${t(incident.reason)}`);
  }
  lines.push('', history.samples.length ? `Samples (newest first, ${history.samples.length})` : 'No samples');
  for (const s of history.samples) {
    const cells = [iso(s.at), s.ok ? 'up  ' : 'down', `${Math.round(s.latencyMs)}ms`.padStart(7), s.status === undefined ? '   ' : String(s.status)];
    if (s.phases) cells.push(phases(s.phases));
    if (s.reason && !s.ok) cells.push(t(s.reason));
    if (s.maintenance) cells.push('[maintenance]');
    lines.push(`  ${cells.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function phases(p: Phases): string {
  const parts = [['dns', p.dnsMs], ['connect', p.connectMs], ['tls', p.tlsMs], ['first byte', p.firstByteMs]] as const;
  return `(${parts.filter(([, ms]) => ms !== undefined).map(([name, ms]) => `${name} ${Math.round(ms!)}`).join(' · ')})`;
}

function iso(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}
