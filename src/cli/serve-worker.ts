import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { jsonLogger } from '../monitor/log.js';
import { StoreError } from '../monitor/store.js';
import { openServer } from './serve-action.js';
import type { ServeOptions } from './serve-options.js';
import type { ServerThreadMessage } from './server-thread.js';

// The server thread of `harden serve` (see server-thread.ts): what --no-monitor runs, stopped by its parent.
const port = parentPort!;
const tell = (message: ServerThreadMessage) => port.postMessage(message);
const log = jsonLogger((line) => tell({ kind: 'log', line }));

try {
  const server = await openServer((workerData as { options: ServeOptions }).options, log);
  port.once('message', () => {
    void server.close().finally(() => {
      tell({ kind: 'stopped' });
      port.close();
    });
  });
  tell({ kind: 'listening', url: server.url });
} catch (error) {
  if (error instanceof InputError) tell({ kind: 'failed', error: 'input', message: error.message, lines: error.lines, masked: error.masked });
  else if (error instanceof StoreError) tell({ kind: 'failed', error: 'store', message: error.message });
  else tell({ kind: 'failed', error: 'internal', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
