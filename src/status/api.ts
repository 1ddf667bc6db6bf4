import { z } from 'zod';
import type { AnnouncedWindow } from '../monitor/maintenance.js';
import { INCIDENT_PHASES } from '../monitor/model.js';
import { publicReason } from './public-text.js';
import type { StatusPage } from './schema.js';
import { maintenanceOf, type IncidentView, type MonitorView, type StatusSnapshot } from './snapshot.js';

/**
 * The read-only JSON API's response shapes (public data only): the zod schemas are the
 * OpenAPI document's components, so what is served and what is documented cannot drift.
 */

const time = z.iso.datetime().describe('ISO 8601, UTC');
const uptime = z.number().min(0).max(100).nullable().describe('percent up, maintenance excluded; null without samples');

export const monitorSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    kind: z.enum(['http', 'tcp', 'dns', 'tls']),
    state: z.enum(['up', 'down', 'maintenance', 'stale', 'unknown']).describe('stale: checked before, but not in the last 3 intervals and a minute (no daemon is checking it)'),
    lastSampleAt: time.nullable(),
    uptime: z.object({ '24h': uptime, '7d': uptime, '30d': uptime }),
    responseMs: z.number().nullable().describe('mean response time of up samples over 24 hours'),
    incident: z.string().nullable().describe('key of the open incident'),
    target: z.string().optional().describe('on status pages with showUrls only'),
  })
  .meta({ id: 'Monitor' });

export const dayBarSchema = z
  .object({ date: z.iso.date(), uptime, total: z.number().int(), failed: z.number().int(), maintenance: z.number().int() })
  .meta({ id: 'DayBar' });

export const incidentSchema = z
  .object({
    key: z.string(),
    monitor: z.string(),
    state: z.enum(['open', 'resolved']),
    firstFailureAt: time,
    openedAt: time,
    closedAt: time.nullable(),
    reason: z.string(),
    updates: z.array(z.object({ at: time, phase: z.enum(INCIDENT_PHASES), message: z.string() })).describe('operators\' write-ups, oldest first'),
  })
  .meta({ id: 'Incident' });

export const maintenanceSchema = z
  .object({ monitors: z.array(z.string()), start: time, end: z.string(), reason: z.string().optional() })
  .meta({ id: 'MaintenanceWindow' });

export const monitorListSchema = z.object({ at: time, monitors: z.array(monitorSchema) }).meta({ id: 'MonitorList' });
export const monitorDaysSchema = z.object({ monitor: z.string(), days: z.array(dayBarSchema) }).meta({ id: 'MonitorDays' });
export const incidentListSchema = z.object({ at: time, incidents: z.array(incidentSchema) }).meta({ id: 'IncidentList' });
export const statusPageListSchema = z.object({ pages: z.array(z.object({ slug: z.string(), title: z.string(), path: z.string() })) }).meta({ id: 'StatusPageList' });
export const statusPageSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string().optional(),
    at: time,
    monitors: z.array(monitorSchema),
    incidents: z.array(incidentSchema),
    maintenance: z.array(maintenanceSchema),
  })
  .meta({ id: 'StatusPage' });
export const problemSchema = z.object({ error: z.string() }).meta({ id: 'Problem' });

const iso = (at: number) => new Date(at).toISOString();

export function monitorJson(monitor: MonitorView, { showTarget = false } = {}): z.input<typeof monitorSchema> {
  return {
    name: monitor.name,
    ...(monitor.description !== undefined ? { description: monitor.description } : {}),
    kind: monitor.kind,
    state: monitor.state,
    lastSampleAt: monitor.lastSampleAt === null ? null : iso(monitor.lastSampleAt),
    uptime: monitor.uptime,
    responseMs: monitor.responseMs === null ? null : Math.round(monitor.responseMs * 10) / 10,
    incident: monitor.incident,
    ...(showTarget ? { target: monitor.target } : {}),
  };
}

export function incidentJson(incident: IncidentView, showTargets: boolean): z.input<typeof incidentSchema> {
  return {
    key: incident.key,
    monitor: incident.monitor,
    state: incident.closedAt === null ? 'open' : 'resolved',
    firstFailureAt: iso(incident.firstFailureAt),
    openedAt: iso(incident.openedAt),
    closedAt: incident.closedAt === null ? null : iso(incident.closedAt),
    reason: publicReason(incident.reason, showTargets),
    updates: incident.updates.map((update) => ({ at: iso(update.at), phase: update.phase, message: update.message })),
  };
}

function maintenanceJson(window: AnnouncedWindow): z.input<typeof maintenanceSchema> {
  return { monitors: window.monitors, start: iso(window.start), end: iso(window.end), ...(window.reason ? { reason: window.reason } : {}) };
}

export function statusPageJson(page: StatusPage, snapshot: StatusSnapshot): z.input<typeof statusPageSchema> {
  const names = new Set(page.monitors);
  return {
    slug: page.slug,
    title: page.title,
    ...(page.description !== undefined ? { description: page.description } : {}),
    at: iso(snapshot.at),
    monitors: page.monitors.flatMap((name) => {
      const monitor = snapshot.monitors.get(name);
      return monitor ? [monitorJson(monitor, { showTarget: page.showUrls })] : [];
    }),
    incidents: snapshot.incidents.filter((incident) => names.has(incident.monitor)).map((incident) => incidentJson(incident, page.showUrls)),
    maintenance: maintenanceOf(snapshot, names).map(maintenanceJson),
  };
}
