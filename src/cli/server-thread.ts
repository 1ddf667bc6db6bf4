import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { jsonLogger } from '../monitor/log.js';
import { StoreError } from '../monitor/store.js';
import type { ServeOptions } from './serve-options.js';

/** What the server thread tells the daemon's. */
export type ServerThreadMessage =
  | { kind: 'listening'; url: string }
  | { kind: 'failed'; error: 'input' | 'store' | 'internal'; message: string; lines?: string[]; masked?: boolean }
  | { kind: 'stopped' }
  /** A log line, written by the daemon's thread: one stream, in the order the lines were logged. */
  | { kind: 'log'; line: string };

/** How long a server thread asked to stop may take to close its connections before it is ended. */
const STOP_GRACE_MS = 10_000;

/**
 * `harden serve`'s HTTP server in a worker thread beside the monitor daemon: readers never hold the daemon's
 * event loop, so 200 of them leave its schedule as it was. The thread runs what --no-monitor runs, on
 * connections of its own to the store (SQLite in WAL mode and PostgreSQL both take several).
 * Resolves once it listens; rejects with the thread's own error (an InputError keeps exit code 2).
 */
export async function startServerThread(options: ServeOptions, log: ReturnType<typeof jsonLogger>, fail: (reason: string) => void): Promise<{ close(): Promise<void> }> {
  // The thread's entry is bundle/serve-worker.js, beside this chunk: run harden serve from the bundle (bin/harden.js).
  if (import.meta.url.endsWith('.ts')) throw new Error('harden serve runs its server thread from the bundle: npm run build, then bin/harden.js serve');
  const worker = new Worker(new URL('./serve-worker.js', import.meta.url), { workerData: { options: { ...options } satisfies ServeOptions } });
  let stopping = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let crash: Error | undefined;
  worker.on('error', (error) => {
    crash = error;
    log('error', 'status server thread failed', { error: error.message });
  });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ServerThreadMessage) => {
      if (message.kind === 'log') process.stdout.write(message.line);
      if (message.kind === 'listening') resolve();
      if (message.kind === 'failed') reject(message.error === 'input' ? new InputError(message.lines ?? [message.message], message.masked) : message.error === 'store' ? new StoreError(message.message) : new Error(message.message));
    });
    void exited.then((code) => reject(new Error(`the status server thread ended with code ${code} while starting${crash ? `: ${crash.message}` : ''}`, { cause: crash })));
  });
  void exited.then((code) => {
    if (!stopping) fail(`the status server thread ended (code ${code}${crash ? `: ${crash.message}` : ''})`);
  });
  return {
    close: async () => {
      stopping = true;
      worker.postMessage({ kind: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
