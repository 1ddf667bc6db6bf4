import type { Incident, MonitorState } from './model.js';
import { monitorKind, type Monitor, type MonitoringPlan } from './schema.js';
import type { OutboxStats, Store, WindowSummary } from './store.js';
import { maskStrings } from './secrets.js';
import { sloStatus } from './slo.js';
import { TriggerTracker } from './trigger-tracker.js';

const HOUR = 3_600_000;
export const STATUS_WINDOWS = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR } as const;

export interface MonitorStatus {
  name: string;
  kind: string;
  state: 'up' | 'down' | 'unknown';
  lastSampleAt: number | null;
  /** Percent up per window (maintenance excluded); null without samples. */
  uptime: Record<keyof typeof STATUS_WINDOWS, number | null>;
  /** Latency quantiles over 24h, ms. */
  latency: Pick<WindowSummary, 'p50' | 'p95' | 'p99'>;
  incident: Incident | null;
}

export interface MonitoringStatus {
  at: number;
  monitors: MonitorStatus[];
  alerts: OutboxStats[];
  slos: ReturnType<typeof sloStatus>[];
  triggers: { name: string; monitor: string; since: number; title: string }[];
}

/** Everything `harden monitor status` shows, read from the store for the plan's monitors. */
export async function monitoringStatus(plan: MonitoringPlan, store: Store, now: number): Promise<MonitoringStatus> {
  const states = new Map((await store.states()).map((s) => [s.monitor, s]));
  const open = await store.openIncidents();
  const incidents = new Map(open.filter((i) => !TriggerTracker.owns(i)).map((i) => [i.monitor, i]));
  // One pass over every monitor per window, not one query per monitor.
  const [day, week, month] = await Promise.all(Object.values(STATUS_WINDOWS).map((span) => store.summaries(now - span, now)));
  const monitors = plan.monitors.map((monitor) =>
    monitorStatus(monitor, states.get(monitor.name), incidents.get(monitor.name) ?? null, [day!.get(monitor.name), week!.get(monitor.name), month!.get(monitor.name)]),
  );
  const slos = await Promise.all(plan.slo.map(async (slo) => sloStatus(slo, await store.summary(slo.monitor, now - slo.window, now))));
  // Reasons and errors were masked when they were recorded; a database from an older version may hold them raw.
  return maskStrings({
    at: now,
    monitors,
    alerts: await store.outboxStats(),
    slos,
    triggers: open.filter(TriggerTracker.owns).map((i) => ({ name: TriggerTracker.nameOf(i), monitor: i.monitor, since: i.openedAt, title: i.reason })),
  });
}

function monitorStatus(monitor: Monitor, state: MonitorState | undefined, incident: Incident | null, windows: (WindowSummary | undefined)[]): MonitorStatus {
  const [day, week, month] = windows;
  return {
    name: monitor.name,
    kind: monitorKind(monitor),
    state: state?.lastOk == null ? 'unknown' : state.lastOk ? 'up' : 'down',
    lastSampleAt: state?.lastSampleAt ?? null,
    uptime: { '24h': uptime(day), '7d': uptime(week), '30d': uptime(month) },
    latency: { p50: day?.p50 ?? null, p95: day?.p95 ?? null, p99: day?.p99 ?? null },
    incident,
  };
}

function uptime(summary: WindowSummary | undefined): number | null {
  if (!summary) return null;
  const counted = summary.total - summary.maintenance;
  return counted > 0 ? (100 * (counted - summary.failed)) / counted : null;
}
