import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A match for the worker: RE2 syntax (already translated and checked) and re2js flags. */
export interface MatchJob {
  source: string;
  flags: number;
  text: string;
}

interface Queued extends MatchJob {
  signal: AbortSignal;
  resolve(matched: boolean): void;
  reject(reason: unknown): void;
  onAbort(): void;
}

// Plain CommonJS, so it runs the same from dist/ and from the TypeScript sources under test.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { RE2JS } = require(workerData.re2js);
const compiled = new Map();
parentPort.on('message', ({ source, flags, text }) => {
  const key = flags + '/' + source;
  let pattern = compiled.get(key);
  if (!pattern) {
    if (compiled.size >= 1000) compiled.clear();
    pattern = RE2JS.compile(source, flags);
    compiled.set(key, pattern);
  }
  parentPort.postMessage(pattern.test(text));
});
`;

const RE2JS_PATH = createRequire(import.meta.url).resolve('re2js');

/**
 * One worker thread that runs long regex matches one at a time. A match whose signal aborts
 * (the probe's timeout) is abandoned by terminating the worker, the only way to stop a
 * computation; the next match starts a new one.
 */
class RegexThread {
  private worker: Worker | undefined;
  private running: Queued | undefined;
  private readonly queue: Queued[] = [];

  match(job: MatchJob, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<boolean>((resolve, reject) => {
      const queued: Queued = { ...job, signal, resolve, reject, onAbort: () => this.abandon(queued) };
      signal.addEventListener('abort', queued.onAbort, { once: true });
      this.queue.push(queued);
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      // Idle: the worker must not keep the process alive.
      this.worker?.unref();
      return;
    }
    this.running = job;
    const worker = (this.worker ??= this.spawn());
    worker.ref();
    worker.postMessage({ source: job.source, flags: job.flags, text: job.text });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { re2js: RE2JS_PATH }, resourceLimits: { maxOldGenerationSizeMb: 128 } });
    worker.on('message', (matched: boolean) => {
      if (worker === this.worker) this.finish((job) => job.resolve(matched));
    });
    worker.on('error', (error) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      this.finish((job) => job.reject(error));
    });
    return worker;
  }

  private finish(settle: (job: Queued) => void): void {
    const job = this.running;
    this.running = undefined;
    if (job) {
      job.signal.removeEventListener('abort', job.onAbort);
      settle(job);
    }
    this.next();
  }

  private abandon(job: Queued): void {
    if (job === this.running) {
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
      this.finish((running) => running.reject(running.signal.reason));
      return;
    }
    const at = this.queue.indexOf(job);
    if (at >= 0) this.queue.splice(at, 1);
    job.reject(job.signal.reason);
  }
}

const thread = new RegexThread();

/** Whether `job.source` matches somewhere in `job.text`, off the event loop; rejects with `signal`'s reason when it aborts first. */
export function matchOffThread(job: MatchJob, signal: AbortSignal): Promise<boolean> {
  return thread.match(job, signal);
}
