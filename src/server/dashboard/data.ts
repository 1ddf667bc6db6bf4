import type { IncidentUpdate } from '../../monitor/model.js';
import { sloStatus, type SloStatus } from '../../monitor/slo.js';
import type { OutboxRow, OutboxStats, Store, VerifyRunRecord, WindowSummary } from '../../monitor/store.js';
import { TriggerTracker } from '../../monitor/trigger-tracker.js';
import type { StatusPlan } from '../../status/schema.js';
import type { MonitorView, StatusSnapshot } from '../../status/snapshot.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Hours a monitor's chart covers. */
export const SERIES_HOURS = 7 * 24;
/** Verify runs the progress chart reads. */
export const HISTORY_RUNS = 500;
/** Outbox entries the dashboard lists. */
export const OUTBOX_ROWS = 200;

/** What every dashboard read starts from: the store, the plan and the server's current snapshot. */
export interface DashboardContext {
  store: Store;
  plan: StatusPlan;
  snapshot: StatusSnapshot;
  now: number;
}

export interface MonitorRow {
  view: MonitorView;
  /** The last 24 hours: latency quantiles over up samples. */
  day: WindowSummary | undefined;
}

/** Monitors per page of the dashboard's list, as /status pages them. */
export const DASHBOARD_PAGE_SIZE = 100;

export interface MonitorPage {
  rows: MonitorRow[];
  page: number;
  pages: number;
}

/** One page of the monitors, by name, each with its own 24 hours summarized: a page's cost does not grow with the plan. undefined: no such page. */
export async function monitorRows({ store, snapshot, now }: DashboardContext, page = 1): Promise<MonitorPage | undefined> {
  const all = [...snapshot.monitors.values()].sort((a, b) => a.name.localeCompare(b.name));
  const pages = Math.max(1, Math.ceil(all.length / DASHBOARD_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const views = all.slice((page - 1) * DASHBOARD_PAGE_SIZE, page * DASHBOARD_PAGE_SIZE);
  const rows = await Promise.all(views.map(async (view) => ({ view, day: await store.summary(view.name, now - DAY, now) })));
  return { rows, page, pages };
}

/** One monitor's hourly mean response (ms) and uptime (%) over SERIES_HOURS, as uPlot reads it: times in seconds. */
export interface MonitorSeries {
  monitor: string;
  times: number[];
  meanMs: (number | null)[];
  uptime: (number | null)[];
}

export async function monitorSeries({ store, now }: DashboardContext, monitor: string): Promise<MonitorSeries> {
  const since = Math.floor(now / HOUR) * HOUR - (SERIES_HOURS - 1) * HOUR;
  const buckets = (await store.buckets('hour', since, now + 1)).get(monitor) ?? [];
  const counted = (bucket: (typeof buckets)[number]) => bucket.total - bucket.maintenance;
  return {
    monitor,
    times: buckets.map((bucket) => bucket.start / 1000),
    meanMs: buckets.map((bucket) => (bucket.meanMs === null ? null : Math.round(bucket.meanMs * 10) / 10)),
    uptime: buckets.map((bucket) => (counted(bucket) > 0 ? Math.round((10_000 * (counted(bucket) - bucket.failed)) / counted(bucket)) / 100 : null)),
  };
}

/** Every SLO of the plan over its window: one summary read each. */
export async function sloRows({ store, plan, now }: DashboardContext): Promise<SloStatus[]> {
  return Promise.all(plan.slo.map(async (slo) => sloStatus(slo, await store.summary(slo.monitor, now - slo.window, now))));
}

export interface FiringTrigger {
  name: string;
  since: number;
  reason: string;
}

/** Triggers firing now: the daemon keeps each as an open incident of its own. */
export async function firingTriggers({ store }: DashboardContext): Promise<FiringTrigger[]> {
  const open = await store.openIncidents();
  return open.filter((incident) => TriggerTracker.owns(incident)).map((incident) => ({ name: TriggerTracker.nameOf(incident), since: incident.openedAt, reason: incident.reason }));
}

export interface OutboxView {
  channels: OutboxStats[];
  pending: OutboxRow[];
}

export async function outboxView({ store }: DashboardContext): Promise<OutboxView> {
  const [channels, pending] = await Promise.all([store.outboxStats(), store.pendingAlerts(OUTBOX_ROWS)]);
  return { channels, pending };
}

export async function incidentUpdates({ store, snapshot }: DashboardContext): Promise<IncidentUpdate[]> {
  return store.incidentUpdates(snapshot.incidents.map((incident) => incident.key));
}

export function verifyHistory({ store }: DashboardContext): Promise<VerifyRunRecord[]> {
  return store.verifyRuns(HISTORY_RUNS);
}
