import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { firstDue, phase, Scheduler, type Job } from './scheduler.js';

const schedulers: Scheduler<Job>[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop(0)));
});

function scheduler(options: ConstructorParameters<typeof Scheduler<Job>>[0]): Scheduler<Job> {
  const created = new Scheduler<Job>(options);
  schedulers.push(created);
  return created;
}

const jobs = (count: number, everyMs: number): Job[] => Array.from({ length: count }, (_, i) => ({ name: `monitor-${i}`, everyMs }));

describe('Scheduler', () => {
  it('spreads first runs over the interval, the same way after a restart', () => {
    const now = 1_700_000_000_123;
    const dues = jobs(1000, 60_000).map((job) => firstDue(job, now) - now);
    expect(Math.min(...dues)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...dues)).toBeLessThan(60_000);
    const perTenSeconds = Array.from({ length: 6 }, (_, slot) => dues.filter((d) => Math.floor(d / 10_000) === slot).length);
    for (const count of perTenSeconds) expect(count).toBeGreaterThan(120);
    // A restart 7 s later keeps every job on its rhythm: the next due differs by whole intervals.
    for (const job of jobs(50, 60_000)) expect((firstDue(job, now + 7_000) - firstDue(job, now)) % 60_000).toBe(0);
  });

  it('runs each job on its interval, on the rhythm of its phase even when a run starts late', async () => {
    const dues: number[] = [];
    let clock = 0;
    const s = scheduler({
      concurrency: 10,
      now: () => (clock = Date.now()),
      run: async () => undefined,
      onStart: (_job, lagMs) => void dues.push(clock - lagMs),
    });
    const started = Date.now();
    s.set([{ name: 'a', everyMs: 40 }]);
    s.start();
    await sleep(430);
    await s.stop(0);
    const elapsed = Date.now() - started;
    // A loaded machine may fire a timer late (the next run then keeps the rhythm, not the delay):
    // what is certain is the phase of every due time and an upper bound on the count.
    expect(dues.length).toBeGreaterThanOrEqual(3);
    expect(dues.length).toBeLessThanOrEqual(Math.floor(elapsed / 40) + 1);
    for (const due of dues) expect(((due - phase('a', 40)) % 40 + 40) % 40).toBe(0);
    const gaps = dues.slice(1).map((t, i) => t - dues[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(40);
  });

  it('never overlaps two runs of one job: a run still going when the next is due skips it', async () => {
    let inFlight = 0;
    let most = 0;
    let skipped = 0;
    const s = scheduler({
      concurrency: 10,
      run: async () => {
        most = Math.max(most, ++inFlight);
        await sleep(75);
        inFlight--;
      },
      onSkip: () => skipped++,
    });
    s.set([{ name: 'slow', everyMs: 20 }]);
    s.start();
    await sleep(400);
    await s.stop(1000);
    expect(most).toBe(1);
    expect(skipped).toBeGreaterThan(5);
  });

  it('keeps runs in flight under the global bound and reports the lag of the ones that waited', async () => {
    let inFlight = 0;
    let most = 0;
    const lags: number[] = [];
    const s = scheduler({
      concurrency: 4,
      run: async () => {
        most = Math.max(most, ++inFlight);
        await sleep(15);
        inFlight--;
      },
      onStart: (_job, lag) => lags.push(lag),
    });
    s.set(jobs(40, 100));
    s.start();
    await sleep(350);
    await s.stop(1000);
    expect(most).toBe(4);
    expect(lags.length).toBeGreaterThan(40);
    expect(Math.max(...lags)).toBeGreaterThan(15);
  });

  it('on stop, waits for runs that finish within the grace, and aborts the rest', async () => {
    const s = scheduler({ concurrency: 10, run: (_job, signal) => sleep(40, undefined, { signal }).catch(() => undefined) });
    s.set([{ name: 'quick', everyMs: 10 }]);
    s.start();
    await sleep(15);
    expect(await s.stop(500)).toBe(0);

    let aborted = false;
    const hung = scheduler({
      concurrency: 10,
      run: (_job, signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(void (aborted = true)))),
    });
    hung.set([{ name: 'hung', everyMs: 10 }]);
    hung.start();
    await sleep(15);
    const started = Date.now();
    expect(await hung.stop(100)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('applies a new job set: removed jobs stop, kept jobs keep running', async () => {
    const runs = new Map<string, number>();
    const s = scheduler({ concurrency: 10, run: async (job) => void runs.set(job.name, (runs.get(job.name) ?? 0) + 1) });
    s.set([{ name: 'kept', everyMs: 20 }, { name: 'removed', everyMs: 20 }]);
    s.start();
    await sleep(110);
    s.set([{ name: 'kept', everyMs: 20 }, { name: 'added', everyMs: 20 }]);
    const removedBefore = runs.get('removed') ?? 0;
    await sleep(110);
    await s.stop(0);
    expect(runs.get('removed')).toBe(removedBefore);
    expect(runs.get('kept')).toBeGreaterThanOrEqual(5);
    expect(runs.get('added')).toBeGreaterThanOrEqual(2);
  });
});
