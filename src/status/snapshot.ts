import { MaintenanceCalendar, windowsAhead, type AnnouncedWindow } from '../monitor/maintenance.js';
import type { Incident, IncidentPhase, IncidentUpdate, MonitorKind } from '../monitor/model.js';
import { monitorKind } from '../monitor/schema.js';
import { maskStrings } from '../monitor/secrets.js';
import type { Bucket, Store } from '../monitor/store.js';
import { TriggerTracker } from '../monitor/trigger-tracker.js';
import { CurrentBucket } from './current-bucket.js';
import { publicTarget } from './public-text.js';
import type { StatusPlan } from './schema.js';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const BAR_DAYS = 90;
export const SPARK_HOURS = 24;
/** Incidents closed longer ago than this are not "recent". */
export const RECENT_MS = 14 * DAY;
/** Maintenance announced this far ahead. */
export const AHEAD_MS = 14 * DAY;

/** `stale`: checked before, but not for STALE_INTERVALS intervals (no daemon is checking it); `unknown`: never checked. */
export type MonitorState = 'up' | 'down' | 'maintenance' | 'stale' | 'unknown';

/** Intervals without a check, plus a minute for a restart, after which a monitor's last state is no longer shown as now. */
export const STALE_INTERVALS = 3;
const STALE_SLACK_MS = 60_000;

export interface DayBar {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** Percent up, maintenance excluded; null without samples. */
  uptime: number | null;
  total: number;
  failed: number;
  maintenance: number;
}

export interface HourPoint {
  start: number;
  /** Mean latency of up samples, ms; null without any. */
  meanMs: number | null;
}

export interface MonitorView {
  name: string;
  description: string | undefined;
  kind: MonitorKind;
  /** Without credentials or query: shown only on pages with showUrls. */
  target: string;
  /** On /status, the public API and badges (the plan's `public: false` keeps it to named pages and the dashboard). */
  public: boolean;
  state: MonitorState;
  lastSampleAt: number | null;
  /** Over whole hours (24h) and whole days (7d, 30d) up to now. */
  uptime: { '24h': number | null; '7d': number | null; '30d': number | null };
  /** Mean latency of up samples over the last 24 hours, ms. */
  responseMs: number | null;
  /** BAR_DAYS days, oldest first, today last. */
  days: DayBar[];
  /** SPARK_HOURS hours, oldest first, the current hour last. */
  hours: HourPoint[];
  incident: string | null;
}

export interface IncidentView {
  key: string;
  monitor: string;
  openedAt: number;
  closedAt: number | null;
  /** Masked, raw: public pages pass it through publicReason. */
  reason: string;
  firstFailureAt: number;
  /** Operators' write-ups, oldest first (without their authors). */
  updates: { at: number; phase: IncidentPhase; message: string }[];
}

export interface StatusSnapshot {
  at: number;
  monitors: Map<string, MonitorView>;
  /** Open ones, then those closed within RECENT_MS, newest first. */
  incidents: IncidentView[];
  maintenance: AnnouncedWindow[];
}

/** Monitors whose views are built between two turns of the event loop. */
const VIEWS_PER_TURN = 500;

/**
 * Lets the event loop run timers and I/O: SQLite answers synchronously, so awaiting a query alone
 * never lets a daemon in the same process probe on time while a snapshot is built.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Past days and hours do not change: they are read once, and each refresh reads only today and the current hour. */
interface History {
  day: number;
  hour: number;
  /** The BAR_DAYS - 1 days before today, per monitor (absent: no samples in them). */
  days: Map<string, { bars: DayBar[]; buckets: Bucket[] }>;
  /** The SPARK_HOURS - 1 hours before this one. */
  hours: Map<string, Bucket[]>;
}

/**
 * Builds what the status pages, badges and API show from the store, for every monitor of the
 * plan at once. Keeps the completed days and hours between refreshes; reads them a day or an
 * hour at a time and lets the event loop turn between reads (and every VIEWS_PER_TURN monitors),
 * so a daemon in the same process keeps its schedule while they load.
 */
export class SnapshotBuilder {
  private history: History | undefined;
  private readonly today: CurrentBucket;
  private readonly thisHour: CurrentBucket;

  constructor(private readonly store: Store) {
    this.today = new CurrentBucket(store, 'day');
    this.thisHour = new CurrentBucket(store, 'hour');
  }

  private async pastDays(day: number): Promise<History['days']> {
    const byMonitor = new Map<string, Bucket[]>();
    for (let start = day - (BAR_DAYS - 1) * DAY; start < day; start += DAY) {
      for (const [name, buckets] of await this.store.buckets('day', start, start + DAY)) {
        const list = byMonitor.get(name);
        if (list) list.push(...buckets);
        else byMonitor.set(name, [...buckets]);
      }
      await breathe();
    }
    const dates = Array.from({ length: BAR_DAYS - 1 }, (_, i) => day - (BAR_DAYS - 1 - i) * DAY);
    const days: History['days'] = new Map();
    let built = 0;
    for (const [name, buckets] of byMonitor) {
      days.set(name, { bars: dayBars(buckets, dates), buckets });
      if (++built % VIEWS_PER_TURN === 0) await breathe();
    }
    return days;
  }

  private async pastHours(hour: number): Promise<History['hours']> {
    const hours: History['hours'] = new Map();
    for (let start = hour - (SPARK_HOURS - 1) * HOUR; start < hour; start += HOUR) {
      for (const [name, buckets] of await this.store.buckets('hour', start, start + HOUR)) {
        const list = hours.get(name);
        if (list) list.push(...buckets);
        else hours.set(name, [...buckets]);
      }
      await breathe();
    }
    return hours;
  }

  async build(plan: StatusPlan, now: number): Promise<StatusSnapshot> {
    const day = Math.floor(now / DAY) * DAY;
    const hour = Math.floor(now / HOUR) * HOUR;
    let history = this.history;
    if (!history || history.day !== day || history.hour !== hour) {
      const days = history?.day === day ? history.days : await this.pastDays(day);
      this.history = history = { day, hour, days, hours: await this.pastHours(hour) };
    }
    // One read per turn of the event loop: awaited together, SQLite's synchronous reads ran back to back.
    const today = await this.today.read(day, now + 1);
    await breathe();
    const thisHour = await this.thisHour.read(hour, now + 1);
    await breathe();
    const states = await this.store.states();
    await breathe();
    const [open, recent] = await Promise.all([this.store.openIncidents(), this.store.incidents({ since: now - RECENT_MS, limit: 200 })]);
    const stateOf = new Map(states.map((state) => [state.monitor, state]));
    const calendar = new MaintenanceCalendar(plan.maintenance);
    const monitors = new Map<string, MonitorView>();
    const openByMonitor = new Map(open.filter((incident) => !TriggerTracker.owns(incident)).map((incident) => [incident.monitor, incident.key]));
    const noDays = dayBars([], Array.from({ length: BAR_DAYS - 1 }, (_, i) => day - (BAR_DAYS - 1 - i) * DAY));
    const week = day - 6 * DAY;
    const month = day - 29 * DAY;
    for (const [index, monitor] of plan.monitors.entries()) {
      if (index > 0 && index % VIEWS_PER_TURN === 0) await breathe();
      const state = stateOf.get(monitor.name);
      const past = history.days.get(monitor.name);
      const todayBuckets = listOf(today.get(monitor.name));
      const dayBuckets = past ? [...past.buckets, ...todayBuckets] : todayBuckets;
      const hourBuckets = [...(history.hours.get(monitor.name) ?? []), ...listOf(thisHour.get(monitor.name))];
      monitors.set(monitor.name, {
        name: monitor.name,
        description: monitor.description === undefined ? undefined : maskStrings(monitor.description),
        kind: monitorKind(monitor),
        target: publicTarget(monitor),
        public: monitor.public,
        state: calendar.active(monitor.name, now) ? 'maintenance' : currentState(state, monitor.every, now),
        lastSampleAt: state?.lastSampleAt ?? null,
        uptime: {
          '24h': uptimeOf(hourBuckets),
          '7d': uptimeOf(dayBuckets.filter((bucket) => bucket.start >= week)),
          '30d': uptimeOf(dayBuckets.filter((bucket) => bucket.start >= month)),
        },
        responseMs: meanOf(hourBuckets),
        days: [...(past?.bars ?? noDays), ...dayBars(todayBuckets, [day])],
        hours: hourPoints(hourBuckets, hour),
        incident: openByMonitor.get(monitor.name) ?? null,
      });
    }
    const known = new Set(monitors.keys());
    const incidents = [...new Map([...open, ...recent].map((incident) => [incident.key, incident])).values()]
      .filter((incident) => known.has(incident.monitor) && !TriggerTracker.owns(incident))
      .sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.openedAt - a.openedAt);
    const updates = await this.store.incidentUpdates(incidents.map((incident) => incident.key));
    const views = incidents.map((incident) => incidentView(incident, updates));
    // Reasons were masked when they were recorded; a database from an older version may hold them raw.
    return { at: now, monitors, incidents: maskStrings(views), maintenance: windowsAhead(plan.maintenance, now, now + AHEAD_MS) };
  }
}

const listOf = (bucket: Bucket | undefined): Bucket[] => (bucket ? [bucket] : []);

function incidentView(incident: Incident, updates: readonly IncidentUpdate[]): IncidentView {
  return {
    key: incident.key,
    monitor: incident.monitor,
    openedAt: incident.openedAt,
    closedAt: incident.closedAt,
    reason: incident.reason,
    firstFailureAt: incident.firstFailure.at,
    updates: updates.filter((update) => update.incident === incident.key).map(({ at, phase, message }) => ({ at, phase, message })),
  };
}

function uptimeOf(buckets: readonly Bucket[]): number | null {
  let counted = 0;
  let failed = 0;
  for (const bucket of buckets) {
    counted += bucket.total - bucket.maintenance;
    failed += bucket.failed;
  }
  return counted > 0 ? (100 * (counted - failed)) / counted : null;
}

function meanOf(buckets: readonly Bucket[]): number | null {
  let up = 0;
  let sum = 0;
  for (const bucket of buckets) {
    if (bucket.meanMs === null) continue;
    up += bucket.up;
    sum += bucket.meanMs * bucket.up;
  }
  return up > 0 ? sum / up : null;
}

function currentState(state: { lastOk: boolean | null; lastSampleAt: number | null } | undefined, everyMs: number, now: number): MonitorState {
  if (state?.lastOk == null || state.lastSampleAt === null) return 'unknown';
  if (now - state.lastSampleAt > STALE_INTERVALS * everyMs + STALE_SLACK_MS) return 'stale';
  return state.lastOk ? 'up' : 'down';
}

/** YYYY-MM-DD of a day start: the same 90 for every monitor, formatted once. */
const dates = new Map<number, string>();
function dateOf(start: number): string {
  let date = dates.get(start);
  if (date === undefined) {
    if (dates.size > 1000) dates.clear();
    dates.set(start, (date = new Date(start).toISOString().slice(0, 10)));
  }
  return date;
}

/** One bar per day start in `starts`, from the buckets that have samples. */
function dayBars(buckets: readonly Bucket[], starts: readonly number[]): DayBar[] {
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  return starts.map((start) => {
    const bucket = byStart.get(start);
    return {
      date: dateOf(start),
      uptime: bucket ? uptimeOf([bucket]) : null,
      total: bucket?.total ?? 0,
      failed: bucket?.failed ?? 0,
      maintenance: bucket?.maintenance ?? 0,
    };
  });
}

function hourPoints(buckets: readonly Bucket[], hour: number): HourPoint[] {
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  return Array.from({ length: SPARK_HOURS }, (_, i) => {
    const start = hour - (SPARK_HOURS - 1 - i) * HOUR;
    return { start, meanMs: byStart.get(start)?.meanMs ?? null };
  });
}

/**
 * The maintenance windows that touch these monitors, each naming only these: a window over a monitor kept
 * off a page (or off the public side) must not name it there.
 */
export function maintenanceOf(snapshot: StatusSnapshot, names: ReadonlySet<string>): AnnouncedWindow[] {
  return snapshot.maintenance.flatMap((window) => {
    const shown = window.monitors.filter((monitor) => names.has(monitor));
    return shown.length > 0 ? [{ ...window, monitors: shown }] : [];
  });
}
