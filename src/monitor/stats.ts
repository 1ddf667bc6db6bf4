import type { Store } from './store.js';
import type { MonitorRuntime } from './config.js';
import { LatencyHistogram, type MetricsSnapshot } from './metrics.js';
import type { Sample } from './model.js';
import { sloStatus } from './slo.js';
import type { Slo } from './schema.js';

interface MonitorCounters {
  up: boolean | null;
  lastLatencyMs: number | null;
  probesUp: number;
  probesDown: number;
  latency: LatencyHistogram;
}

/** What the daemon has done since it started, for the metrics endpoint and the benchmark. */
export class DaemonStats {
  private readonly monitors = new Map<string, MonitorCounters>();
  /** The latest schedule lags, ms: a ring, enough for stable p99s. */
  private readonly lags = new Float64Array(8192);
  private lagCount = 0;
  skipped = 0;
  incidentsOpened = 0;

  lag(ms: number): void {
    this.lags[this.lagCount++ % this.lags.length] = ms;
  }

  /** Schedule lags recorded so far: a mark for lagQuantile's `since`. */
  get lagMark(): number {
    return this.lagCount;
  }

  /**
   * Quantile of the recent schedule lags, ms (0 without any): the last 8,192, or those recorded
   * since a lagMark (when the ring still holds them all, else the last 8,192).
   */
  lagQuantile(q: number, since = 0): number {
    const n = Math.min(this.lagCount - since, this.lags.length);
    if (n <= 0) return 0;
    const sorted = new Float64Array(n);
    for (let i = 0; i < n; i++) sorted[i] = this.lags[(this.lagCount - n + i) % this.lags.length]!;
    sorted.sort();
    return sorted[Math.min(n - 1, Math.floor(q * n))]!;
  }

  get probes(): number {
    let total = 0;
    for (const counters of this.monitors.values()) total += counters.probesUp + counters.probesDown;
    return total;
  }

  observe(runtime: MonitorRuntime, sample: Sample): void {
    let counters = this.monitors.get(runtime.name);
    if (!counters) this.monitors.set(runtime.name, (counters = { up: null, lastLatencyMs: null, probesUp: 0, probesDown: 0, latency: new LatencyHistogram() }));
    counters.up = sample.ok;
    counters.lastLatencyMs = sample.latencyMs;
    if (sample.ok) {
      counters.probesUp++;
      counters.latency.observe(sample.latencyMs);
    } else counters.probesDown++;
  }

  async snapshot(view: {
    monitors: ReadonlyMap<string, MonitorRuntime>;
    store: Store;
    slos: readonly Slo[];
    openIncidents: number;
    triggers: { name: string; monitor: string; firing: boolean }[];
    scheduler: { probesInFlight: number };
    now: number;
  }): Promise<MetricsSnapshot> {
    const monitors = [...view.monitors.values()].map((runtime) => {
      const counters = this.monitors.get(runtime.name);
      return {
        name: runtime.name,
        kind: runtime.prepared.kind,
        target: runtime.prepared.target,
        up: counters?.up ?? null,
        lastLatencyMs: counters?.lastLatencyMs ?? null,
        probesUp: counters?.probesUp ?? 0,
        probesDown: counters?.probesDown ?? 0,
        latency: (counters?.latency ?? new LatencyHistogram()).snapshot(),
      };
    });
    const slos = await Promise.all(view.slos.map(async (slo) => sloStatus(slo, await view.store.summary(slo.monitor, view.now - slo.window, view.now))));
    return {
      monitors,
      incidentsOpen: view.openIncidents,
      incidentsOpenedTotal: this.incidentsOpened,
      alerts: (await view.store.outboxStats()).map(({ channel, pending, failing, delivered }) => ({ channel, pending, failing, delivered })),
      slos,
      triggers: view.triggers,
      scheduler: { lagSecondsP99: this.lagQuantile(0.99) / 1000, probesInFlight: view.scheduler.probesInFlight, monitors: view.monitors.size },
    };
  }
}
