import { formatDuration } from '../duration.js';
import { serveMetrics } from './metrics-server.js';
import type { SloStatus } from './slo.js';

/** Upper bounds of the latency histogram's buckets, in ms (exposed in seconds as `le`). */
export const METRIC_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

export interface LatencySnapshot {
  count: number;
  sumMs: number;
  /** Cumulative counts per METRIC_BUCKETS_MS bound (samples at or below it); +Inf is `count`. */
  buckets: readonly number[];
}

export interface MetricsSnapshot {
  monitors: {
    name: string;
    kind: string;
    target: string;
    /** null before the first sample. */
    up: boolean | null;
    lastLatencyMs: number | null;
    probesUp: number;
    probesDown: number;
    latency: LatencySnapshot;
  }[];
  incidentsOpen: number;
  incidentsOpenedTotal: number;
  alerts: { channel: string; pending: number; failing: number; delivered: number }[];
  slos: SloStatus[];
  triggers: { name: string; monitor: string; firing: boolean }[];
  scheduler: { lagSecondsP99: number; probesInFlight: number; monitors: number };
  /** The daemon's own process; startMetricsServer fills it in when absent. */
  process?: ProcessMetrics;
}

export interface ProcessMetrics {
  cpuSecondsTotal: number;
  residentMemoryBytes: number;
  heapBytes: number;
  startTimeSeconds: number;
}

/** Counts latencies into METRIC_BUCKETS_MS; one per monitor, fed by the daemon. */
export class LatencyHistogram {
  /** Per bucket, not cumulative; the last slot holds what is above every bound. */
  private readonly counts = new Array<number>(METRIC_BUCKETS_MS.length + 1).fill(0);
  count = 0;
  sumMs = 0;

  observe(ms: number): void {
    let i = 0;
    while (i < METRIC_BUCKETS_MS.length && ms > METRIC_BUCKETS_MS[i]!) i++;
    this.counts[i]!++;
    this.count++;
    this.sumMs += ms;
  }

  snapshot(): LatencySnapshot {
    let running = 0;
    const buckets = METRIC_BUCKETS_MS.map((_, i) => (running += this.counts[i]!));
    return { count: this.count, sumMs: this.sumMs, buckets };
  }
}

export function readProcessMetrics(): ProcessMetrics {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuSecondsTotal: (cpu.user + cpu.system) / 1e6,
    residentMemoryBytes: memory.rss,
    heapBytes: memory.heapUsed,
    startTimeSeconds: Math.round(Date.now() / 1000 - process.uptime()),
  };
}

/**
 * Serves GET /metrics on `listen` (host:port; port 0 picks a free one) with the snapshot rendered
 * as Prometheus text. Rejects with a message naming the address when it cannot listen.
 */
export function startMetricsServer(
  listen: string,
  snapshot: () => MetricsSnapshot | Promise<MetricsSnapshot>,
): Promise<{ port: number; close(): Promise<void> }> {
  return serveMetrics(listen, async () => {
    const taken = await snapshot();
    return renderMetrics(taken.process ? taken : { ...taken, process: readProcessMetrics() });
  });
}

type Labels = Record<string, string>;

/** Prometheus text exposition format 0.0.4: one HELP and TYPE per family, then its samples. */
export function renderMetrics(snapshot: MetricsSnapshot): string {
  const out: string[] = [];
  const family = (name: string, type: 'gauge' | 'counter' | 'histogram', help: string, samples: [Labels, number][]) => {
    out.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) out.push(`${name}${renderLabels(labels)} ${formatNumber(value)}`);
  };
  const { monitors } = snapshot;

  family('harden_monitor_up', 'gauge', 'Whether the monitor\'s last probe was up (1) or down (0).', monitors.flatMap((m) => (m.up === null ? [] : [[{ monitor: m.name, kind: m.kind, target: m.target }, m.up ? 1 : 0] as [Labels, number]])));
  family('harden_monitor_last_latency_seconds', 'gauge', 'Latency of the monitor\'s last probe.', monitors.flatMap((m) => (m.lastLatencyMs === null ? [] : [[{ monitor: m.name }, m.lastLatencyMs / 1000] as [Labels, number]])));
  family('harden_monitor_probes_total', 'counter', 'Probes run since the daemon started, by result.', monitors.flatMap((m) => [[{ monitor: m.name, result: 'up' }, m.probesUp], [{ monitor: m.name, result: 'down' }, m.probesDown]] as [Labels, number][]));
  out.push('# HELP harden_monitor_latency_seconds Probe latency since the daemon started.', '# TYPE harden_monitor_latency_seconds histogram');
  for (const m of monitors) histogram(out, 'harden_monitor_latency_seconds', { monitor: m.name }, m.latency);

  family('harden_incidents_open', 'gauge', 'Incidents open now.', [[{}, snapshot.incidentsOpen]]);
  family('harden_incidents_opened_total', 'counter', 'Incidents opened since the daemon started.', [[{}, snapshot.incidentsOpenedTotal]]);
  const alerts = snapshot.alerts;
  family('harden_alerts_pending', 'gauge', 'Alerts waiting in the outbox, by channel.', alerts.map((a) => [{ channel: a.channel }, a.pending]));
  family('harden_alerts_failing', 'gauge', 'Alerts waiting in the outbox whose delivery has failed at least once, by channel.', alerts.map((a) => [{ channel: a.channel }, a.failing]));
  family('harden_alerts_delivered_total', 'counter', 'Alerts delivered from the outbox, by channel.', alerts.map((a) => [{ channel: a.channel }, a.delivered]));

  const slo = (s: SloStatus): Labels => ({ monitor: s.monitor, window: formatDuration(s.window) });
  family('harden_slo_objective_ratio', 'gauge', 'Fraction of samples the SLO requires to be up.', snapshot.slos.map((s) => [slo(s), percentToRatio(s.objective)]));
  family('harden_slo_achieved_ratio', 'gauge', 'Fraction of samples up over the SLO window, maintenance excluded.', snapshot.slos.flatMap((s) => (s.achieved === null ? [] : [[slo(s), percentToRatio(s.achieved)] as [Labels, number]])));
  family('harden_slo_error_budget_remaining', 'gauge', 'Fraction of the SLO\'s error budget left over its window (negative when overspent).', snapshot.slos.flatMap((s) => (s.budgetRemaining === null ? [] : [[slo(s), s.budgetRemaining] as [Labels, number]])));
  family('harden_trigger_firing', 'gauge', 'Whether the trigger\'s condition holds over its window (1) or not (0).', snapshot.triggers.map((t) => [{ trigger: t.name, monitor: t.monitor }, t.firing ? 1 : 0]));

  const { scheduler } = snapshot;
  family('harden_scheduler_lag_seconds', 'gauge', '99th percentile of how late probes started against their schedule, recently.', [[{}, scheduler.lagSecondsP99]]);
  family('harden_scheduler_probes_in_flight', 'gauge', 'Probes running now.', [[{}, scheduler.probesInFlight]]);
  family('harden_scheduler_monitors', 'gauge', 'Monitors scheduled.', [[{}, scheduler.monitors]]);

  const proc = snapshot.process;
  if (proc) {
    family('process_cpu_seconds_total', 'counter', 'Total user and system CPU time spent in seconds.', [[{}, proc.cpuSecondsTotal]]);
    family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [[{}, proc.residentMemoryBytes]]);
    family('process_heap_bytes', 'gauge', 'JavaScript heap in use in bytes.', [[{}, proc.heapBytes]]);
    family('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.', [[{}, proc.startTimeSeconds]]);
  }
  return `${out.join('\n')}\n`;
}

const LE = METRIC_BUCKETS_MS.map((ms) => formatNumber(ms / 1000));

function histogram(out: string[], name: string, labels: Labels, latency: LatencySnapshot): void {
  if (latency.buckets.length !== METRIC_BUCKETS_MS.length)
    throw new Error(`latency histogram of ${labels.monitor} has ${latency.buckets.length} buckets, expected ${METRIC_BUCKETS_MS.length} (METRIC_BUCKETS_MS)`);
  latency.buckets.forEach((count, i) => out.push(`${name}_bucket${renderLabels({ ...labels, le: LE[i]! })} ${formatNumber(count)}`));
  out.push(`${name}_bucket${renderLabels({ ...labels, le: '+Inf' })} ${formatNumber(latency.count)}`);
  out.push(`${name}_sum${renderLabels(labels)} ${formatNumber(latency.sumMs / 1000)}`);
  out.push(`${name}_count${renderLabels(labels)} ${formatNumber(latency.count)}`);
}

function renderLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabelValue(value)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** HELP text escapes backslash and line feed (quotes stay). */
function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** 99.9 → 0.999, not 0.9990000000000001. */
function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(15));
}
