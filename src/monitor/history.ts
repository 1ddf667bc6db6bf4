import type { Store } from '../store/store.js';
import { formatElapsed } from './duration.js';
import type { Incident, Sample } from './model.js';

export interface MonitorHistory {
  monitor: string;
  since: number;
  incidents: Incident[];
  /** Newest first. */
  samples: Sample[];
}

export async function monitorHistory(store: Store, monitor: string, since: number, limit: number): Promise<MonitorHistory> {
  const [incidents, samples] = await Promise.all([store.incidents({ monitor, since, limit }), store.samples({ monitor, since, limit })]);
  return { monitor, since, incidents, samples };
}

export function historyText(history: MonitorHistory, now: number): string {
  const lines = [`${history.monitor} since ${iso(history.since)}`, ''];
  lines.push(history.incidents.length ? 'Incidents' : 'No incidents');
  for (const incident of history.incidents) {
    const span = incident.closedAt === null ? `open for ${formatElapsed(now - incident.openedAt)}` : `${formatElapsed(incident.closedAt - incident.firstFailure.at)} down`;
    lines.push(`  ${iso(incident.openedAt)}  ${span}  ${incident.reason}`);
  }
  lines.push('', history.samples.length ? `Samples (newest first, ${history.samples.length})` : 'No samples');
  for (const s of history.samples) {
    const cells = [iso(s.at), s.ok ? 'up  ' : 'down', `${Math.round(s.latencyMs)}ms`.padStart(7), s.status === undefined ? '   ' : String(s.status)];
    if (s.reason && !s.ok) cells.push(s.reason);
    if (s.maintenance) cells.push('[maintenance]');
    lines.push(`  ${cells.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function iso(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}
