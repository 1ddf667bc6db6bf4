import { describe, expect, it } from 'vitest';
import { dedent } from '../testing/dedent.js';
import { escapeLabelValue, formatNumber, LatencyHistogram, METRIC_BUCKETS_MS, type MetricsSnapshot, renderMetrics } from './metrics.js';

function emptyLatency() {
  return new LatencyHistogram().snapshot();
}

const quiet: MetricsSnapshot = {
  monitors: [],
  incidentsOpen: 0,
  incidentsOpenedTotal: 0,
  alerts: [],
  slos: [],
  triggers: [],
  scheduler: { lagSecondsP99: 0, probesInFlight: 0, monitors: 0 },
};

describe('LatencyHistogram', () => {
  it('counts a latency into the first bucket whose bound it does not exceed, cumulatively', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0, 5, 5.5, 10, 99, 100, 100.1, 30_000, 30_001, 120_000]) histogram.observe(ms);
    expect(METRIC_BUCKETS_MS).toEqual([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000]);
    expect(histogram.snapshot()).toEqual({ count: 10, sumMs: 180_320.6, buckets: [2, 4, 4, 4, 6, 7, 7, 7, 7, 7, 7, 8] });
  });
});

describe('renderMetrics', () => {
  it('writes every family with HELP and TYPE, and each monitor, channel, SLO and trigger', () => {
    const latency = new LatencyHistogram();
    latency.observe(80);
    latency.observe(700);
    const snapshot: MetricsSnapshot = {
      monitors: [
        { name: 'api', kind: 'http', target: 'https://api.test/health', up: false, lastLatencyMs: 700, probesUp: 1, probesDown: 1, latency: latency.snapshot() },
        { name: 'db', kind: 'tcp', target: 'db:5432', up: null, lastLatencyMs: null, probesUp: 0, probesDown: 0, latency: emptyLatency() },
      ],
      incidentsOpen: 1,
      incidentsOpenedTotal: 4,
      alerts: [{ channel: 'ops-slack', pending: 2, failing: 1, delivered: 9 }],
      slos: [
        { monitor: 'api', objective: 99.9, window: 2_592_000_000, achieved: 99.7, budgetRemaining: -2, allowedFailures: 1, failed: 3 },
        { monitor: 'db', objective: 99, window: 86_400_000, achieved: null, budgetRemaining: null, allowedFailures: 0, failed: 0 },
      ],
      triggers: [{ name: 'api:p99 > 500ms for 10m', monitor: 'api', firing: true }],
      scheduler: { lagSecondsP99: 0.025, probesInFlight: 3, monitors: 2 },
      process: { cpuSecondsTotal: 1.5, residentMemoryBytes: 50_000_000, heapBytes: 20_000_000, startTimeSeconds: 1_700_000_000 },
    };
    // One monitor's histogram lines; continuation lines carry the template's indentation, which dedent strips.
    const buckets = (monitor: string, counts: number[], count: number, sum: number) =>
      [
        ...['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '30'].map(
          (le, i) => `harden_monitor_latency_seconds_bucket{monitor="${monitor}",le="${le}"} ${counts[i]}`,
        ),
        `harden_monitor_latency_seconds_bucket{monitor="${monitor}",le="+Inf"} ${count}`,
        `harden_monitor_latency_seconds_sum{monitor="${monitor}"} ${sum}`,
        `harden_monitor_latency_seconds_count{monitor="${monitor}"} ${count}`,
      ].join('\n      ');
    expect(renderMetrics(snapshot)).toBe(dedent`
      # HELP harden_monitor_up Whether the monitor's last probe was up (1) or down (0).
      # TYPE harden_monitor_up gauge
      harden_monitor_up{monitor="api",kind="http",target="https://api.test/health"} 0
      # HELP harden_monitor_last_latency_seconds Latency of the monitor's last probe.
      # TYPE harden_monitor_last_latency_seconds gauge
      harden_monitor_last_latency_seconds{monitor="api"} 0.7
      # HELP harden_monitor_probes_total Probes run since the daemon started, by result.
      # TYPE harden_monitor_probes_total counter
      harden_monitor_probes_total{monitor="api",result="up"} 1
      harden_monitor_probes_total{monitor="api",result="down"} 1
      harden_monitor_probes_total{monitor="db",result="up"} 0
      harden_monitor_probes_total{monitor="db",result="down"} 0
      # HELP harden_monitor_latency_seconds Probe latency since the daemon started.
      # TYPE harden_monitor_latency_seconds histogram
      ${buckets('api', [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2], 2, 0.78)}
      ${buckets('db', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 0)}
      # HELP harden_incidents_open Incidents open now.
      # TYPE harden_incidents_open gauge
      harden_incidents_open 1
      # HELP harden_incidents_opened_total Incidents opened since the daemon started.
      # TYPE harden_incidents_opened_total counter
      harden_incidents_opened_total 4
      # HELP harden_alerts_pending Alerts waiting in the outbox, by channel.
      # TYPE harden_alerts_pending gauge
      harden_alerts_pending{channel="ops-slack"} 2
      # HELP harden_alerts_failing Alerts waiting in the outbox whose delivery has failed at least once, by channel.
      # TYPE harden_alerts_failing gauge
      harden_alerts_failing{channel="ops-slack"} 1
      # HELP harden_alerts_delivered_total Alerts delivered from the outbox, by channel.
      # TYPE harden_alerts_delivered_total counter
      harden_alerts_delivered_total{channel="ops-slack"} 9
      # HELP harden_slo_objective_ratio Fraction of samples the SLO requires to be up.
      # TYPE harden_slo_objective_ratio gauge
      harden_slo_objective_ratio{monitor="api",window="30d"} 0.999
      harden_slo_objective_ratio{monitor="db",window="1d"} 0.99
      # HELP harden_slo_achieved_ratio Fraction of samples up over the SLO window, maintenance excluded.
      # TYPE harden_slo_achieved_ratio gauge
      harden_slo_achieved_ratio{monitor="api",window="30d"} 0.997
      # HELP harden_slo_error_budget_remaining Fraction of the SLO's error budget left over its window (negative when overspent).
      # TYPE harden_slo_error_budget_remaining gauge
      harden_slo_error_budget_remaining{monitor="api",window="30d"} -2
      # HELP harden_trigger_firing Whether the trigger's condition holds over its window (1) or not (0).
      # TYPE harden_trigger_firing gauge
      harden_trigger_firing{trigger="api:p99 > 500ms for 10m",monitor="api"} 1
      # HELP harden_scheduler_lag_seconds 99th percentile of how late probes started against their schedule, recently.
      # TYPE harden_scheduler_lag_seconds gauge
      harden_scheduler_lag_seconds 0.025
      # HELP harden_scheduler_probes_in_flight Probes running now.
      # TYPE harden_scheduler_probes_in_flight gauge
      harden_scheduler_probes_in_flight 3
      # HELP harden_scheduler_monitors Monitors scheduled.
      # TYPE harden_scheduler_monitors gauge
      harden_scheduler_monitors 2
      # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
      # TYPE process_cpu_seconds_total counter
      process_cpu_seconds_total 1.5
      # HELP process_resident_memory_bytes Resident memory size in bytes.
      # TYPE process_resident_memory_bytes gauge
      process_resident_memory_bytes 50000000
      # HELP process_heap_bytes JavaScript heap in use in bytes.
      # TYPE process_heap_bytes gauge
      process_heap_bytes 20000000
      # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
      # TYPE process_start_time_seconds gauge
      process_start_time_seconds 1700000000
    `);
  });

  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('plain')).toBe('plain');
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeLabelValue('\\n is not a line feed')).toBe('\\\\n is not a line feed');
    const snapshot: MetricsSnapshot = {
      ...quiet,
      monitors: [{ name: 'odd', kind: 'http', target: 'https://x.test/?q="a\\b"\nc', up: true, lastLatencyMs: 1, probesUp: 1, probesDown: 0, latency: emptyLatency() }],
    };
    expect(renderMetrics(snapshot).split('\n')[2]).toBe('harden_monitor_up{monitor="odd",kind="http",target="https://x.test/?q=\\"a\\\\b\\"\\nc"} 1');
  });

  it('writes special floats as the format spells them', () => {
    expect([NaN, Infinity, -Infinity, 0, -2, 0.001, 1e21].map(formatNumber)).toEqual(['NaN', '+Inf', '-Inf', '0', '-2', '0.001', '1e+21']);
  });

  it('leaves out process metrics it was not given and keeps families without series', () => {
    const text = renderMetrics(quiet);
    expect(text).not.toContain('process_');
    expect(text).toContain('# TYPE harden_monitor_up gauge\n# HELP harden_monitor_last_latency_seconds');
    expect(text.endsWith('harden_scheduler_monitors 0\n')).toBe(true);
  });

  it('refuses a histogram with the wrong number of buckets', () => {
    const snapshot: MetricsSnapshot = {
      ...quiet,
      monitors: [{ name: 'm', kind: 'tcp', target: 'h:1', up: true, lastLatencyMs: 1, probesUp: 1, probesDown: 0, latency: { count: 1, sumMs: 1, buckets: [1] } }],
    };
    expect(() => renderMetrics(snapshot)).toThrow('latency histogram of m has 1 buckets, expected 12 (METRIC_BUCKETS_MS)');
  });
});
