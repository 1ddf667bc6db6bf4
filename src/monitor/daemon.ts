import { setMaxListeners } from 'node:events';
import { unwatchFile, watchFile } from 'node:fs';
import { formatDuration } from '../duration.js';
import { InputError } from '../errors.js';
import type { LoadedMonitoringPlan } from './schema.js';
import { StoreError, type Store } from './store.js';
import { AlertDispatcher } from './alerts/outbox.js';
import type { DeliveryContext } from './alerts/define.js';
import { secretResolver } from './secrets.js';
import { monitoringConfig, type MonitorRuntime, type MonitoringConfig } from './config.js';
import { initialState, resolvedEvent, step } from './incidents.js';
import type { Logger } from './log.js';
import type { Incident, MonitorState, Sample } from './model.js';
import type { ProbeEnv } from './probes/define.js';
import { runProbe } from './probe-runner.js';
import { Recorder } from './recorder.js';
import { declaresNoMonitors } from './reload-guard.js';
import { Scheduler } from './scheduler.js';
import { DaemonStats } from './stats.js';
import { TriggerTracker } from './trigger-tracker.js';
import { startMetricsServer } from './metrics.js';

export interface DaemonOptions {
  planFile: string;
  /** Reads and validates the plan; throws InputError with file:line messages. */
  loadPlan(file: string): LoadedMonitoringPlan;
  store: Store;
  log: Logger;
  /** host:port for the metrics endpoint (overrides the plan), or false for none. */
  metrics?: string | false;
  /** CA certificates (PEM) trusted in addition to the plan's monitoring.ca. */
  ca?: string[];
  now?: () => number;
  flushEveryMs?: number;
  compactEveryMs?: number;
  /** Log every sample (at debug level). */
  logSamples?: boolean;
  /** How often a "stats" line is logged (probes, schedule lag, memory); default 60 s. */
  statsEveryMs?: number;
  /** Alert retry delays (tests shorten them) and how often the outbox is polled. */
  alertBackoff?: { baseMs: number; maxMs: number };
  alertPollMs?: number;
  /** Reload when the plan file changes (SIGHUP always reloads). */
  watchPlan?: boolean;
}

/**
 * The monitor daemon: monitors → probes → samples → incidents → alerts, persisted in the
 * store. Starts with `start()`, ends with `stop()`; `exited` resolves to the exit code. The
 * store stays open: whoever opened it closes it.
 */
export class MonitorDaemon {
  private config: MonitoringConfig;
  /** Shared by every probe, rebuilt on reload: probes cache the trust store per `ca` array. */
  private probeEnv: ProbeEnv;
  private readonly scheduler: Scheduler<MonitorRuntime>;
  private readonly recorder: Recorder;
  private readonly dispatcher: AlertDispatcher;
  private readonly states = new Map<string, MonitorState>();
  private readonly open = new Map<string, Incident>();
  private readonly triggers: TriggerTracker;
  readonly stats: DaemonStats;
  private metrics: { port: number; close(): Promise<void> } | undefined;
  private compactTimer: NodeJS.Timeout | undefined;
  private triggerTimer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private exitCode = 0;
  /** Aborts the probes of runOnce() when stop() is called. */
  private readonly stopOnce = new AbortController();
  /** Cuts the shutdown grace short (stopNow()). */
  private readonly hurry = new AbortController();
  private resolveExit!: (code: number) => void;
  readonly exited = new Promise<number>((resolve) => (this.resolveExit = resolve));
  private readonly now: () => number;

  constructor(
    loaded: LoadedMonitoringPlan,
    private readonly options: DaemonOptions,
  ) {
    this.now = options.now ?? Date.now;
    // Every probe of runOnce() listens on it: far more than the default 10 listeners.
    setMaxListeners(0, this.stopOnce.signal);
    this.config = monitoringConfig(loaded, options.ca);
    this.probeEnv = { ca: this.config.ca, now: this.now };
    this.stats = new DaemonStats();
    this.triggers = new TriggerTracker(this.config.triggers, this.now, (monitor) => this.config.monitors.get(monitor)?.prepared.target ?? '');
    this.scheduler = new Scheduler<MonitorRuntime>({
      concurrency: this.config.settings.concurrency,
      now: this.now,
      run: (runtime, signal) => this.probe(runtime, signal),
      onStart: (_runtime, lagMs) => this.stats.lag(lagMs),
      onError: (runtime, error) => options.log('error', 'a probe run failed unexpectedly; please report it', { monitor: runtime.name, error: (error as Error).stack ?? String(error) }),
      onSkip: (runtime) => {
        this.stats.skipped++;
        options.log('debug', 'probe skipped: the previous one is still running', { monitor: runtime.name });
      },
    });
    this.recorder = new Recorder(options.store, {
      flushEveryMs: options.flushEveryMs ?? 250,
      maxSamples: 2000,
      onCommitted: (batch) => {
        if (batch.alerts.length > 0) this.dispatcher.wake();
      },
      onFailure: (error) => this.fail('the database refused a write', error),
      onRetry: (error, retryInMs, pendingSamples) =>
        options.log('warn', `the database cannot be reached: ${error.message}; keeping what was recorded and trying again`, { retryInMs, pendingSamples }),
      onRecovered: (downMs, droppedSamples) => options.log(droppedSamples ? 'warn' : 'info', 'the database is reachable again; what was kept is written', { downMs, droppedSamples }),
    });
    this.dispatcher = new AlertDispatcher({
      store: options.store,
      channels: this.config.channels,
      context: this.deliveryContext(this.config),
      log: (fields) => options.log(fields.error ? 'warn' : 'info', String(fields.msg ?? 'alert'), fields),
      now: this.now,
      ...(options.alertBackoff ? { backoff: options.alertBackoff } : {}),
    });
  }

  get monitors(): ReadonlyMap<string, MonitorRuntime> {
    return this.config.monitors;
  }

  /** Starts probing; a stop() while it starts (a signal during start-up) ends it before anything runs. */
  async start(): Promise<void> {
    const { log } = this.options;
    await this.restoreState();
    if (this.stopping) return;
    const listen = this.options.metrics ?? this.config.settings.metrics;
    if (listen) {
      try {
        this.metrics = await startMetricsServer(listen, () => this.metricsSnapshot());
      } catch (error) {
        throw new InputError([`${(error as Error).message} (set monitoring.metrics to another host:port or false, or --metrics off)`]);
      }
      if (this.stopping) return this.metrics.close();
    }
    this.recorder.start();
    this.dispatcher.start(this.options.alertPollMs ?? 5_000);
    this.compactTimer = setInterval(() => void this.compact(), this.options.compactEveryMs ?? 60_000);
    this.triggerTimer = setInterval(() => this.recordTriggers(this.triggers.tick(this.now())), 10_000);
    this.statsTimer = setInterval(() => this.logStats(), this.options.statsEveryMs ?? 60_000);
    if (this.options.watchPlan) this.watchPlan();
    this.scheduler.set([...this.config.monitors.values()]);
    this.scheduler.start();
    log('info', 'monitor started', {
      plan: this.options.planFile,
      monitors: this.config.monitors.size,
      openIncidents: this.open.size,
      ...(this.metrics ? { metrics: `http://${listenHost(listen as string)}:${this.metrics.port}/metrics` } : {}),
    });
  }

  /**
   * Probes every monitor once, records the samples (incidents and alerts as usual) and
   * delivers due alerts. Resolves to 1 when a monitor is down, else 0.
   */
  async runOnce(): Promise<number> {
    await this.restoreState();
    const queue = [...this.config.monitors.values()];
    const { signal } = this.stopOnce;
    const worker = async () => {
      for (let runtime = queue.shift(); runtime && !signal.aborted; runtime = queue.shift()) await this.probe(runtime, signal);
    };
    await Promise.all(Array.from({ length: Math.min(this.config.settings.concurrency, queue.length) }, worker));
    if (this.stopping) {
      await this.stopping;
      return this.exitCode;
    }
    await this.recorder.flush();
    await this.dispatcher.deliverDue();
    const at = this.now();
    const down = [...this.config.monitors.keys()].filter((name) => this.states.get(name)?.lastOk === false && !this.config.calendar.active(name, at));
    this.options.log(down.length ? 'warn' : 'info', 'probed every monitor once', { monitors: this.config.monitors.size, down });
    return down.length > 0 ? 1 : 0;
  }

  private async restoreState(): Promise<void> {
    const { store } = this.options;
    for (const state of await store.states()) this.states.set(state.monitor, state);
    const openIncidents = await store.openIncidents();
    for (const incident of openIncidents) if (!TriggerTracker.owns(incident)) this.open.set(incident.monitor, incident);
    this.triggers.adopt(openIncidents.filter(TriggerTracker.owns));
  }

  /** Re-reads the plan; a plan that does not load is reported and the running one kept. */
  reload(): void {
    if (this.stopping) return;
    let loaded: LoadedMonitoringPlan;
    let config: MonitoringConfig;
    try {
      loaded = this.options.loadPlan(this.options.planFile);
      config = monitoringConfig(loaded, this.options.ca);
    } catch (error) {
      const problems = error instanceof InputError ? error.lines : [(error as Error).message];
      this.options.log('error', 'plan reload failed; still running the previous plan', { problems });
      return;
    }
    const previous = this.config;
    const removesAll = config.monitors.size === 0 && previous.monitors.size > 0;
    if (removesAll && !declaresNoMonitors(this.options.planFile)) {
      this.options.log('error', 'plan reload refused: the plan has no monitors (an empty or truncated file?); still running the previous plan', {
        problems: [`${this.options.planFile}: no monitors; to remove every monitor, write "monitors: []"`],
      });
      return;
    }
    this.config = config;
    this.closeRemoved(previous);
    this.probeEnv = { ca: config.ca, now: this.now };
    this.dispatcher.setChannels(config.channels, this.deliveryContext(config));
    this.triggers.setTriggers(config.triggers);
    this.scheduler.set([...config.monitors.values()]);
    if (removesAll) this.options.log('warn', 'plan reloaded with "monitors: []": every monitor removed, nothing is probed until monitors are added', { removed: [...previous.monitors.keys()] });
    else this.options.log('info', 'plan reloaded', { monitors: config.monitors.size });
  }

  /** Incidents of monitors the new plan no longer has are closed, and their channels told so. */
  private closeRemoved(previous: MonitoringConfig): void {
    const at = this.now();
    for (const [name, incident] of [...this.open]) {
      if (this.config.monitors.has(name)) continue;
      const runtime = previous.monitors.get(name);
      const closed = { ...incident, closedAt: at };
      this.open.delete(name);
      this.recorder.close(incident.key, at);
      if (runtime) this.recorder.alert(runtime.alert, resolvedEvent(closed, runtime.policy, 'monitor removed from the plan; incident closed'));
      this.recorder.afterCommit(() => this.options.log('info', 'incident closed: its monitor was removed from the plan', { monitor: name, incident: incident.key }));
    }
  }

  /** Finishes or abandons probes in flight (within monitoring.shutdownGrace), flushes what was recorded. */
  stop(reason = 'stop requested', exitCode = 0): Promise<void> {
    this.exitCode = Math.max(this.exitCode, exitCode);
    this.stopping ??= (async () => {
      this.options.log('info', 'monitor stopping', { reason });
      this.stopOnce.abort(new Error('shutting down'));
      clearInterval(this.compactTimer);
      clearInterval(this.triggerTimer);
      clearInterval(this.statsTimer);
      clearTimeout(this.reloadTimer);
      if (this.options.watchPlan) unwatchFile(this.options.planFile);
      // Probes and alert deliveries in flight share the grace period, then are abandoned.
      const grace = this.config.settings.shutdownGrace;
      const [probes, deliveries] = [this.scheduler.active, this.dispatcher.delivering];
      if (grace > 0 && probes + deliveries > 0 && !this.hurry.signal.aborted)
        this.options.log('info', `waiting up to ${formatDuration(grace)} for ${inFlightText(probes, deliveries)}; the signal again (Ctrl-C) stops now`, { probes, deliveries });
      const [abandoned] = await Promise.all([this.scheduler.stop(grace, this.hurry.signal), this.dispatcher.stop(grace, this.hurry.signal)]);
      await this.compacting;
      await this.recorder.stop();
      await this.metrics?.close();
      this.options.log('info', 'monitor stopped', { abandonedProbes: abandoned });
      this.resolveExit(this.exitCode);
    })();
    return this.stopping;
  }

  /** A second stop request: what is still in flight is abandoned now (and stays to be done at the next start), not at the end of the grace. */
  stopNow(reason = 'stop requested again'): Promise<void> {
    this.hurry.abort();
    return this.stop(reason);
  }

  private deliveryContext(config: MonitoringConfig): DeliveryContext {
    return { secret: secretResolver(config.planDir), timeoutMs: 10_000, ca: config.ca };
  }

  private metricsSnapshot() {
    return this.stats.snapshot({
      monitors: this.config.monitors,
      store: this.options.store,
      slos: this.config.slos,
      openIncidents: this.open.size,
      triggers: this.triggers.states(),
      scheduler: { probesInFlight: this.scheduler.active },
      now: this.now(),
    });
  }

  private async probe(runtime: MonitorRuntime, signal: AbortSignal): Promise<void> {
    const sample = await runProbe(runtime.prepared, this.probeEnv, signal);
    // Abandoned at shutdown: the probe did not really finish, so it says nothing about the target.
    if (signal.aborted) return;
    // A reload may have removed or changed the monitor while it was probed.
    const current = this.config.monitors.get(runtime.name);
    if (current) this.record(current, sample);
  }

  private record(runtime: MonitorRuntime, sample: Sample): void {
    const name = runtime.name;
    if (this.config.calendar.active(name, sample.at)) sample.maintenance = true;
    const result = step(this.states.get(name) ?? initialState(name), sample, runtime.policy, this.open.get(name));
    this.states.set(name, result.state);
    this.recorder.sample(sample, result.state);
    this.stats.observe(runtime, sample);
    if (this.options.logSamples) this.options.log('debug', 'sample', { ...sample });
    if (result.opened) {
      this.open.set(name, result.opened);
      this.recorder.open(result.opened);
      this.stats.incidentsOpened++;
      const { key, reason } = result.opened;
      this.recorder.afterCommit(() => this.options.log('warn', 'incident opened', { monitor: name, incident: key, reason }));
    }
    if (result.closed) {
      this.open.delete(name);
      this.recorder.close(result.closed.key, sample.at);
      const { key } = result.closed;
      this.recorder.afterCommit(() => this.options.log('info', 'incident closed', { monitor: name, incident: key }));
    }
    if (result.event) this.recorder.alert(runtime.alert, result.event);
    if (!sample.maintenance) this.recordTriggers(this.triggers.observe(sample));
  }

  private recordTriggers(changes: ReturnType<TriggerTracker['observe']>): void {
    for (const change of changes) {
      if (change.opened) this.recorder.open(change.opened);
      if (change.closed) this.recorder.close(change.closed.key, change.closed.closedAt ?? change.event.at);
      const inMaintenance = this.config.calendar.active(change.event.monitor, change.event.at);
      if (!inMaintenance || change.event.kind === 'trigger.resolved') this.recorder.alert(change.alert, change.event);
      this.recorder.afterCommit(() => this.options.log(change.event.kind === 'trigger.fired' ? 'warn' : 'info', change.event.title, { monitor: change.event.monitor, trigger: change.name }));
    }
  }

  private lastStats = { at: 0, probes: 0, lagMark: 0 };

  private logStats(): void {
    const at = this.now();
    const probes = this.stats.probes;
    const seconds = (at - (this.lastStats.at || at)) / 1000;
    this.options.log('info', 'stats', {
      monitors: this.config.monitors.size,
      probes,
      probesPerSecond: seconds > 0 ? Math.round(((probes - this.lastStats.probes) / seconds) * 10) / 10 : null,
      lagP50Ms: Math.round(this.stats.lagQuantile(0.5)),
      lagP99Ms: Math.round(this.stats.lagQuantile(0.99)),
      // lagP99Ms spans the last 8,192 probe starts (49 s at 10,000 monitors a minute): these, only the ones since the last stats line.
      intervalLagP99Ms: Math.round(this.stats.lagQuantile(0.99, this.lastStats.lagMark)),
      intervalLagMaxMs: Math.round(this.stats.lagQuantile(1, this.lastStats.lagMark)),
      skipped: this.stats.skipped,
      inFlight: this.scheduler.active,
      queued: this.scheduler.queued,
      openIncidents: this.open.size,
      rssMb: Math.round(process.memoryUsage.rss() / 1048576),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    });
    this.lastStats = { at, probes, lagMark: this.stats.lagMark };
  }

  private compacting: Promise<void> | undefined;

  private compact(): Promise<void> {
    this.compacting ??= (async () => {
      try {
        await this.options.store.compact(this.now(), this.config.settings.retention);
      } catch (error) {
        if (error instanceof StoreError && error.transient) this.options.log('warn', `the database could not be compacted: ${error.message}; trying again later`, {});
        else if (!this.stopping) this.fail('the database could not be compacted', error as Error);
      } finally {
        this.compacting = undefined;
      }
    })();
    return this.compacting;
  }

  /** Polls the file's stat: editors replace files on save, which a directory watch would lose. */
  private watchPlan(): void {
    watchFile(this.options.planFile, { interval: 1000, persistent: false }, (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.reload(), 200);
    });
  }

  private fail(what: string, error: Error): void {
    this.options.log('error', `${what}: ${error.message}; stopping`, {});
    void this.stop(what, 1);
  }
}

function listenHost(listen: string): string {
  return listen.slice(0, listen.lastIndexOf(':'));
}

function inFlightText(probes: number, deliveries: number): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [probes > 0 ? count(probes, 'probe', 'probes') : '', deliveries > 0 ? count(deliveries, 'alert delivery', 'alert deliveries') : ''].filter(Boolean);
  return `${parts.join(' and ')} in flight`;
}
