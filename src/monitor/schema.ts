import { z } from 'zod';
import { channelSchema, type AlertChannel } from './alerts/index.js';
import { stringList } from '../schema-fields.js';
import { duration, hostPort, name, nameList } from './config-fields.js';
import { formatDuration, parseDuration } from '../duration.js';
import type { MonitorKind } from './model.js';
import { PROBES } from './probes/index.js';

/**
 * The monitoring sections of the plan (monitors, alerts, maintenance, slo, triggers,
 * monitoring), composed from the configuration each probe and alert channel owns. The plan
 * adds them to its schema; the monitor reads them as a MonitoringPlan.
 */

/** The shortest interval between two probes of a monitor: faster is hammering the target, and floods incidents when it flaps. */
export const MIN_INTERVAL_MS = 1000;
/** The shortest probe timeout: below this even a local connection fails. */
export const MIN_TIMEOUT_MS = 10;

/** HARDEN_TEST_MIN_INTERVAL lowers the floor for the daemon's own tests, which cannot wait seconds per probe. */
function minimumInterval(): number {
  const override = process.env.HARDEN_TEST_MIN_INTERVAL;
  return (override && parseDuration(override)) || MIN_INTERVAL_MS;
}

const KINDS = Object.keys(PROBES) as MonitorKind[];
type ProbeConfigs = { [K in MonitorKind]: z.ZodOptional<(typeof PROBES)[K]['config']> };
/** Each probe's configuration under its key (`http:`, `tcp:` …): a monitor sets one. */
const probeConfigs = Object.fromEntries(KINDS.map((kind) => [kind, PROBES[kind].config.optional()])) as ProbeConfigs;

export const monitorSchema = z
  .object({
    name,
    description: z.string().optional(),
    /** false: kept off /status, the public API and badges (the dashboard and named pages that list it still show it). */
    public: z.boolean().default(true),
    ...probeConfigs,
    every: duration.default(60_000),
    /** Default: 10s, or the interval when that is shorter. */
    timeout: duration.optional(),
    /** Conditions that must all hold for a sample to be up; see docs/monitoring.md. */
    expect: stringList.default([]),
    /** Consecutive failures before an incident opens. */
    confirm: z.number().int().min(1).max(100).default(2),
    /** Consecutive successes before an open incident closes. */
    recover: z.number().int().min(1).max(100).default(1),
    alert: nameList.default([]),
  })
  .strict()
  .superRefine((monitor, ctx) => {
    const kinds = KINDS.filter((kind) => monitor[kind] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({ code: 'custom', message: kinds.length === 0 ? `a monitor needs one of ${KINDS.join(', ')}` : `a monitor probes one thing; it has ${kinds.join(' and ')}` });
    const floor = minimumInterval();
    if (monitor.every < floor)
      ctx.addIssue({ code: 'custom', path: ['every'], message: `${formatDuration(monitor.every)}: the shortest interval is ${formatDuration(floor)}` });
    if (monitor.timeout !== undefined && monitor.timeout < MIN_TIMEOUT_MS)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: `${formatDuration(monitor.timeout)}: the shortest timeout is ${formatDuration(MIN_TIMEOUT_MS)}` });
    else if (monitor.timeout !== undefined && monitor.timeout > monitor.every)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'timeout is longer than the interval ("every")' });
  })
  .transform((monitor) => ({ ...monitor, timeout: monitor.timeout ?? Math.min(10_000, monitor.every) }));

export const maintenanceSchema = z.union([
  z
    .object({
      monitors: nameList,
      /** Five-field cron (minute hour day month weekday) at which each window starts, in UTC unless timezone is set. */
      cron: z.string(),
      duration,
      timezone: z.string().optional(),
      reason: z.string().optional(),
    })
    .strict(),
  z
    .object({
      monitors: nameList,
      /** A one-off window: ISO date-times. */
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
      reason: z.string().optional(),
    })
    .strict(),
]);

const percent = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?%$/, 'expected a percentage such as 99.9%')]).transform((value) =>
  typeof value === 'number' ? value : Number(value.slice(0, -1)),
).pipe(z.number().gt(0, 'the objective must be above 0%').lt(100, 'an objective of 100% leaves no error budget'));

export const sloSchema = z
  .object({
    monitor: name,
    /** Percent of samples that must be up over the window. */
    objective: percent,
    window: duration.default(30 * 86_400_000),
  })
  .strict();

export const triggerSchema = z
  .object({
    name: name.optional(),
    monitor: name,
    /** "p99 > 500ms for 10m", "error_rate > 5% for 5m"; see docs/monitoring.md. */
    when: z.string(),
    alert: nameList.default([]),
  })
  .strict();

const DAY_MS = 86_400_000;
export const RETENTION_DEFAULTS = { raw: DAY_MS, minute: DAY_MS, hour: 35 * DAY_MS, day: 730 * DAY_MS };

export const monitoringSchema = z
  .object({
    /** SQLite database file, relative to the plan (HARDEN_DATABASE_URL selects PostgreSQL instead). */
    database: z.string().default('.harden/harden.db'),
    /** Probes in flight at once, across all monitors. */
    concurrency: z.number().int().min(1).max(10_000).default(256),
    /** Prometheus metrics: host:port to listen on, or false. */
    metrics: z.union([hostPort(true), z.literal(false)]).default('127.0.0.1:9464'),
    /** Extra trusted CA certificates (PEM files, relative to the plan). */
    ca: stringList.default([]),
    /** How long SIGTERM waits for probes in flight before abandoning them. */
    shutdownGrace: duration.default(10_000),
    /** How long each tier is kept: raw samples (monitor history), then minute, hour and day rollups (uptime, latency, SLOs). */
    retention: z
      .object({
        raw: duration.default(RETENTION_DEFAULTS.raw),
        minute: duration.default(RETENTION_DEFAULTS.minute),
        hour: duration.default(RETENTION_DEFAULTS.hour),
        day: duration.default(RETENTION_DEFAULTS.day),
      })
      .strict()
      .default(RETENTION_DEFAULTS),
  })
  .strict();

/** The plan's monitoring sections, in the plan's key order. */
export const monitoringPlanShape = {
  monitors: z.array(monitorSchema).default([]),
  alerts: z.record(z.string().regex(/^[\w.:-]+$/, 'channel names use letters, digits, ".", ":", "_" and "-"'), channelSchema).default({}),
  maintenance: z.array(maintenanceSchema).default([]),
  slo: z.array(sloSchema).default([]),
  triggers: z.array(triggerSchema).default([]),
  monitoring: monitoringSchema.default(() => monitoringSchema.parse({})),
};

export type Monitor = z.output<typeof monitorSchema>;
export type Maintenance = z.output<typeof maintenanceSchema>;
export type Slo = z.output<typeof sloSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type MonitoringSettings = z.output<typeof monitoringSchema>;
export type { AlertChannel };

/** What the monitor reads of a plan. */
export type MonitoringPlan = { [K in keyof typeof monitoringPlanShape]: z.output<(typeof monitoringPlanShape)[K]> };

/** A plan read from its file: where a message about one of its entries points. */
export interface LoadedMonitoringPlan {
  plan: MonitoringPlan;
  file: string;
  /** The plan's folder: relative database, CA and `file:` secret paths are read from it. */
  dir: string;
  locate(path: (string | number)[]): { line: number; column: number };
}

export function monitorKind(monitor: Monitor): MonitorKind {
  const kind = KINDS.find((key) => monitor[key] !== undefined);
  if (kind === undefined) throw new Error(`monitor ${monitor.name} has none of ${KINDS.join(', ')}`);
  return kind;
}
