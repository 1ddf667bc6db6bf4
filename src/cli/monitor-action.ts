import { resolve } from 'node:path';
import { catalog } from '../checks/index.js';
import { InputError } from '../errors.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import { MonitorDaemon } from '../monitor/daemon.js';
import { parseDuration } from '../duration.js';
import { historyText, monitorHistory } from '../monitor/history.js';
import { lockDatabase } from '../store/instance-lock.js';
import { lockPostgresDaemon } from '../store/postgres-lock.js';
import { jsonLogger } from '../monitor/log.js';
import { monitoringStatus } from '../monitor/status.js';
import { statusText } from '../monitor/status-text.js';
import { postgresUrl } from '../store/database-url.js';
import { storeFromEnvironment } from '../store/open.js';
import { sendTestAlerts } from '../monitor/test-alert.js';
import { monitoringConfig } from '../monitor/config.js';
import { displayText } from '../display-text.js';
import type { Store } from '../monitor/store.js';
import { findPlan, now, readCa, requirePlan } from './context.js';
import { takeSignals } from './startup-signals.js';

export interface PlanOptions {
  plan?: string;
  database?: string;
}

export interface MonitorRunOptions extends PlanOptions {
  metrics?: string;
  ca?: string;
  once?: boolean;
  debug?: boolean;
  watch: boolean;
  statsEvery: string;
}

export async function monitorStatus(options: PlanOptions & { format: string; now?: string }): Promise<void> {
  const at = now(options).getTime();
  const loaded = await requirePlan(findPlan(options.plan, undefined), new Date(at));
  await withStore(loaded, options, async (store) => {
    const status = await monitoringStatus(loaded.plan, store, at);
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusText(status));
  });
}

export async function monitorHistoryCommand(name: string, options: PlanOptions & { since: string; limit: string; format: string; now?: string }): Promise<void> {
  const at = now(options).getTime();
  const loaded = await requirePlan(findPlan(options.plan, undefined), new Date(at));
  if (!loaded.plan.monitors.some((m) => m.name === name))
    throw new InputError([`unknown monitor "${name}" (monitors: ${loaded.plan.monitors.map((m) => m.name).join(', ') || 'none'})`]);
  const since = sinceTime(options.since, at);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new InputError([`--limit: expected a positive whole number, got "${options.limit}"`]);
  await withStore(loaded, options, async (store) => {
    const history = await monitorHistory(store, name, since, limit);
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(history, null, 2)}\n` : historyText(history, at));
  });
}

/**
 * What runs beside the daemon in its process (`harden serve`'s HTTP server): started once the daemon runs, closed
 * before its store; `fail` stops the daemon with exit code 1 when the companion dies on its own.
 */
export type Companion = (run: { loaded: LoadedPlan; store: Store; log: ReturnType<typeof jsonLogger>; fail: (reason: string) => void }) => Promise<{ close(): Promise<void> }>;

export async function runDaemon(options: MonitorRunOptions, companion?: Companion): Promise<number> {
  const log = jsonLogger((line) => process.stdout.write(line), { debug: options.debug === true });
  let daemon: MonitorDaemon | undefined;
  let stopSignal: string | undefined;
  let hurried = false;
  const stopHandlingSignals = takeSignals((signal) => {
    if (signal === 'SIGHUP') return daemon?.reload();
    if (stopSignal !== undefined) {
      // A second SIGTERM or SIGINT while stopping abandons what is in flight and stops through the normal path
      // (lock released, exit 0); a third, or a second before the daemon runs, ends the process as the default action does.
      if (daemon && !hurried) {
        hurried = true;
        void daemon.stopNow(`${signal} again`);
        return;
      }
      stopHandlingSignals();
      process.kill(process.pid, signal);
      return;
    }
    stopSignal = signal;
    if (daemon) void daemon.stop(signal);
  });
  const stoppedEarly = () => {
    if (stopSignal !== undefined) log('info', 'monitor stopped during start-up', { signal: stopSignal });
    return stopSignal !== undefined;
  };
  try {
    if (stoppedEarly()) return 0;
    const loaded = await requirePlan(findPlan(options.plan, undefined), new Date());
    if (loaded.plan.monitors.length === 0) throw new InputError([`${loaded.file}: no monitors (add a "monitors:" section; see "harden monitor --help")`]);
    const metrics = options.metrics === undefined ? undefined : options.metrics === 'off' ? false : hostPort(options.metrics);
    const ca = options.ca ? [readCa(options.ca)] : [];
    const statsEveryMs = parseDuration(options.statsEvery);
    if (statsEveryMs === undefined || statsEveryMs < 1000) throw new InputError([`--stats-every: expected a duration of at least 1s (30s, 5m), got "${options.statsEvery}"`]);
    const database = sqlitePath(loaded, options);
    const postgres = postgresUrl();
    const unlock = postgres
      ? await lockPostgresDaemon(postgres, {
          log: (level, message) => log(level, message, {}),
          lost: (reason) => {
            log('error', reason, {});
            void daemon?.stop('lost the one-daemon lock', 1);
          },
        })
      : lockDatabase(database);
    let store: Store;
    try {
      store = await openStore(loaded, options);
    } catch (error) {
      await unlock();
      throw error;
    }
    let beside: { close(): Promise<void> } | undefined;
    try {
      if (stoppedEarly()) return 0;
      daemon = new MonitorDaemon(loaded, {
        planFile: loaded.file,
        loadPlan: (path) => loadPlan(path, { catalog, now: new Date() }),
        store,
        log,
        ca,
        statsEveryMs,
        logSamples: options.debug === true,
        watchPlan: options.watch && !options.once,
        ...(metrics !== undefined ? { metrics: options.once ? false : metrics } : options.once ? { metrics: false } : {}),
      });
      if (options.once) return await daemon.runOnce();
      await daemon.start();
      if (companion) {
        try {
          const running = daemon;
          beside = await companion({ loaded, store, log, fail: (reason) => void running.stop(reason, 1) });
        } catch (error) {
          await daemon.stop('could not start beside the monitor', 1);
          await daemon.exited;
          throw error;
        }
      }
      return await daemon.exited;
    } finally {
      await beside?.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      await unlock();
    }
  } finally {
    stopHandlingSignals();
  }
}

/** For status and history: the database opened for reading only, so they work where they cannot write. */
async function withStore(loaded: LoadedPlan, options: PlanOptions, use: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(loaded, options, { readOnly: true });
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

export function sqlitePath(loaded: LoadedPlan, options: PlanOptions): string {
  return resolve(options.database ?? resolve(loaded.dir, loaded.plan.monitoring.database));
}

export async function openStore(loaded: LoadedPlan, options: PlanOptions, { readOnly = false } = {}): Promise<Store> {
  const store = await storeFromEnvironment(sqlitePath(loaded, options), process.env, { readOnly });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

function sinceTime(text: string, at: number): number {
  const back = parseDuration(text);
  if (back !== undefined) return at - back;
  const date = Date.parse(text);
  if (Number.isNaN(date)) throw new InputError([`--since: expected a duration (6h, 7d) or an ISO date-time, got "${text}"`]);
  return date;
}

export function hostPort(text: string, option = '--metrics'): string {
  const port = Number(/^(?:\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(text)?.[1] ?? NaN);
  const example = option === '--metrics' ? '127.0.0.1:9464 or [::1]:9464) or "off"' : '127.0.0.1:8080 or [::1]:8080)';
  if (!(port >= 0 && port <= 65_535)) throw new InputError([`${option}: expected host:port (${example}, got "${text}"`]);
  return text;
}

/** `harden monitor test-alert`: 0 when every alert was delivered (or queued for the running daemon), 1 when one failed. */
export async function testAlertCommand(options: PlanOptions & { channel?: string; ca?: string }): Promise<number> {
  const loaded = await requirePlan(findPlan(options.plan, undefined), new Date());
  const names = Object.keys(loaded.plan.alerts);
  if (names.length === 0) throw new InputError([`${loaded.file}: no alert channels (add an "alerts:" section; see README "Monitoring")`]);
  if (options.channel !== undefined && !names.includes(options.channel)) throw new InputError([`--channel: unknown channel "${options.channel}" (channels: ${names.join(', ')})`]);
  const channels = options.channel === undefined ? names : [options.channel];
  const { ca } = monitoringConfig(loaded, options.ca ? [readCa(options.ca)] : []);
  const database = sqlitePath(loaded, options);
  let unlock: (() => void | Promise<void>) | undefined;
  let daemonRunning = false;
  const postgres = postgresUrl();
  try {
    unlock = postgres ? await lockPostgresDaemon(postgres) : lockDatabase(database);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    daemonRunning = true;
  }
  try {
    const store = await openStore(loaded, options);
    try {
      const outcomes = await sendTestAlerts({ plan: loaded.plan, planDir: loaded.dir, store, channels, now: Date.now(), ca, deliverNow: !daemonRunning });
      for (const outcome of outcomes) {
        const line = outcome.delivered ? 'delivered' : outcome.queued ? 'queued: the running harden monitor delivers it' : `failed: ${outcome.error} (left in the outbox: harden monitor retries it)`;
        process.stdout.write(`${displayText(outcome.channel)}  ${displayText(line)}\n`);
      }
      return outcomes.every((outcome) => outcome.delivered || outcome.queued) ? 0 : 1;
    } finally {
      await store.close();
    }
  } finally {
    await unlock?.();
  }
}
