import { setMaxListeners } from 'node:events';
import { MinHeap } from './min-heap.js';
import { graceOver } from './grace.js';

export interface Job {
  name: string;
  everyMs: number;
}

export interface SchedulerOptions<J extends Job> {
  /** Runs in flight at once, across all jobs. */
  concurrency: number;
  /** One run of a job; `signal` aborts when shutdown abandons it. Must not reject. */
  run(job: J, signal: AbortSignal): Promise<void>;
  now?: () => number;
  /** A run started `lagMs` after it was due (waiting for a free slot, or a late timer). */
  onStart?(job: J, lagMs: number): void;
  /** A run rejected (a bug: runs should not); the schedule goes on. */
  onError?(job: J, error: unknown): void;
  /** A run was due while the previous one of the same job was still queued or in flight. */
  onSkip?(job: J): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry<J extends Job> {
  job: J;
  dueAt: number;
  /** Bumped when the job is replaced or removed, so stale heap entries are dropped. */
  generation: number;
  busy: boolean;
}

/**
 * Runs each job every `everyMs`, at a phase spread over the interval by the job's name so that
 * thousands of jobs do not fire together; never two runs of one job at once; at most
 * `concurrency` runs in flight, the rest waiting in due order.
 */
export class Scheduler<J extends Job> {
  private readonly entries = new Map<string, Entry<J>>();
  private readonly heap = new MinHeap<{ entry: Entry<J>; dueAt: number; generation: number }>((a, b) => a.dueAt - b.dueAt);
  private readonly waiting: { entry: Entry<J>; dueAt: number }[] = [];
  private waitingHead = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private running = false;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions<J>) {
    this.now = options.now ?? Date.now;
    // Every run in flight listens on the one shutdown signal (and stops listening when done).
    setMaxListeners(0, this.abort.signal);
  }

  get size(): number {
    return this.entries.size;
  }

  get active(): number {
    return this.inFlight.size;
  }

  get queued(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** Replaces the job set: unchanged jobs keep their schedule, new ones get their phase, gone ones stop. */
  set(jobs: readonly J[]): void {
    const now = this.now();
    const names = new Set<string>();
    for (const job of jobs) {
      names.add(job.name);
      let entry = this.entries.get(job.name);
      if (entry && entry.job.everyMs === job.everyMs) {
        entry.job = job;
        continue;
      }
      if (!entry) {
        entry = { job, dueAt: 0, generation: 0, busy: false };
        this.entries.set(job.name, entry);
      }
      entry.job = job;
      entry.generation++;
      entry.dueAt = firstDue(job, now);
      this.heap.push({ entry, dueAt: entry.dueAt, generation: entry.generation });
    }
    for (const [name, entry] of this.entries)
      if (!names.has(name)) {
        entry.generation++;
        this.entries.delete(name);
      }
    if (this.running) this.arm();
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  /**
   * Stops scheduling; waits up to `graceMs` for runs in flight (less when `hurry` aborts), then aborts them.
   * Resolves to the number abandoned.
   */
  async stop(graceMs: number, hurry?: AbortSignal): Promise<number> {
    this.running = false;
    clearTimeout(this.timer);
    this.waiting.length = this.waitingHead = 0;
    if (this.inFlight.size === 0) return 0;
    const { over, cancel } = graceOver(graceMs, hurry);
    const outcome = await Promise.race([Promise.all(this.inFlight).then(() => 'done' as const), over]);
    cancel();
    if (outcome === 'done') return 0;
    const abandoned = this.inFlight.size;
    this.abort.abort(new Error('shutting down'));
    await Promise.all(this.inFlight);
    return abandoned;
  }

  private arm(): void {
    const next = this.heap.peek();
    if (!this.running || !next || next.dueAt >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = next.dueAt;
    // setTimeout cannot wait longer than 2^31-1 ms (24.8 days); a longer wait re-arms on firing.
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt - this.now())));
    this.timer.unref?.();
  }

  private fire(): void {
    this.timerAt = Infinity;
    const now = this.now();
    for (let next = this.heap.peek(); next && next.dueAt <= now; next = this.heap.peek()) {
      this.heap.pop();
      const { entry, generation, dueAt } = next;
      if (generation !== entry.generation) continue;
      entry.dueAt = dueAt + entry.job.everyMs;
      // A late timer (a blocked event loop) must not make a job run back to back to catch up.
      if (entry.dueAt <= now) entry.dueAt = now + entry.job.everyMs - ((now - dueAt) % entry.job.everyMs);
      this.heap.push({ entry, dueAt: entry.dueAt, generation });
      if (entry.busy) this.options.onSkip?.(entry.job);
      else {
        entry.busy = true;
        this.waiting.push({ entry, dueAt });
      }
    }
    this.drain();
    this.arm();
  }

  private drain(): void {
    while (this.running && this.inFlight.size < this.options.concurrency && this.waitingHead < this.waiting.length) {
      const { entry, dueAt } = this.waiting[this.waitingHead++]!;
      if (this.entries.get(entry.job.name) === entry) this.launch(entry, dueAt);
      else entry.busy = false;
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
  }

  private launch(entry: Entry<J>, dueAt: number): void {
    this.options.onStart?.(entry.job, this.now() - dueAt);
    const run: Promise<void> = this.options
      .run(entry.job, this.abort.signal)
      .catch((error: unknown) => this.options.onError?.(entry.job, error))
      .finally(() => {
        entry.busy = false;
        this.inFlight.delete(run);
        this.drain();
      });
    this.inFlight.add(run);
  }
}

/**
 * The job's first run at or after `now`: each job keeps a fixed offset in its interval, spread
 * evenly by a hash of its name, so thousands of jobs do not fire together and a restart keeps
 * every job's rhythm.
 */
export function firstDue(job: Job, now: number): number {
  const offset = phase(job.name, job.everyMs);
  return now + ((((offset - now) % job.everyMs) + job.everyMs) % job.everyMs);
}

export function phase(name: string, everyMs: number): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return (hash >>> 0) % everyMs;
}
