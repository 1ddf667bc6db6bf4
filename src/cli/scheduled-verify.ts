import { catalog } from '../checks/index.js';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/run.js';
import { InputError } from '../errors.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import type { jsonLogger } from '../monitor/log.js';
import { runScan } from './context.js';
import { openStore, type PlanOptions } from './monitor-action.js';
import { verifyRunRecord } from './verify-record.js';

export interface Repeating {
  stop(): void;
}

/**
 * Calls `run` now and then every `everyMs`, never two at once (a run longer than the interval
 * delays the next one); a failed run is told to `failed` and the schedule goes on.
 */
export function repeat(everyMs: number, run: () => Promise<void>, failed: (error: unknown) => void): Repeating {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    const started = Date.now();
    try {
      await run();
    } catch (error) {
      failed(error);
    }
    if (!stopped) timer = setTimeout(() => void tick(), Math.max(0, everyMs - (Date.now() - started))).unref();
  };
  timer = setTimeout(() => void tick(), 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * `harden serve` with `verify: { every: 6h }`: verify on that schedule, each run recorded in the
 * store (the plan re-read each time, so edits count). Each run opens the store for writing on
 * its own, so it works beside a daemon that owns it and under --no-monitor alike.
 */
export function scheduleVerify(loaded: LoadedPlan, options: PlanOptions, log: ReturnType<typeof jsonLogger>): Repeating | undefined {
  const schedule = loaded.plan.verify;
  if (!schedule) return undefined;
  log('info', 'scheduled verify', { every: `${schedule.every / 60_000}m` });
  return repeat(
    schedule.every,
    async () => {
      const now = new Date();
      const plan = loadPlan(loaded.file, { catalog, now });
      const { run } = await runScan(undefined, plan, { concurrency: DEFAULT_ENGINE_OPTIONS.concurrency, timeout: DEFAULT_ENGINE_OPTIONS.timeoutMs }, now, true);
      const record = verifyRunRecord(run.verdicts ?? [], now.getTime());
      const store = await openStore(plan, options);
      try {
        await store.recordVerifyRun(record);
      } finally {
        await store.close();
      }
      log('info', 'verify recorded', { items: record.items.length, ...record.counts });
    },
    (error) => log('error', 'scheduled verify failed', { problems: error instanceof InputError ? error.lines : [error instanceof Error ? error.message : String(error)] }),
  );
}
