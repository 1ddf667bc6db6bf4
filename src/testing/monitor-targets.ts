import type { IncomingMessage } from 'node:http';
import { startServer, type RunningServer } from './http-server.js';

export type TargetMode = 'up' | 'error' | 'hang' | 'slow' | 'alternate';

export interface SwitchableTarget extends RunningServer {
  /** up: 200 {"status":"ok"}; error: 500; hang: never answers; slow: answers after delayMs; alternate: 500 and 200 in turn. */
  mode: TargetMode;
  delayMs: number;
  requests: number;
}

/** An HTTP target on 127.0.0.1 that a test breaks and mends on command. */
export async function startSwitchableTarget(mode: TargetMode = 'up'): Promise<SwitchableTarget> {
  let turn = 0;
  const state = { mode, delayMs: 100, requests: 0 };
  const server = await startServer((_request, response) => {
    state.requests++;
    const ok = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    switch (state.mode) {
      case 'up':
        return ok();
      case 'error':
        return void response.writeHead(500).end('boom');
      case 'hang':
        return;
      case 'slow':
        return void setTimeout(ok, state.delayMs);
      case 'alternate':
        return turn++ % 2 === 0 ? void response.writeHead(500).end('boom') : ok();
    }
  });
  return Object.assign(state, { origin: server.origin, port: server.port, close: server.close }) as SwitchableTarget;
}

export interface Delivery {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
}

export interface AlertReceiver extends RunningServer {
  deliveries: Delivery[];
  /** While true the receiver answers 503 and keeps nothing. */
  down: boolean;
  /** While true the receiver never answers (it counts the requests in `held`). */
  hang: boolean;
  held: number;
}

/** Receives alert POSTs (webhook, Slack, ntfy, PagerDuty shapes) on 127.0.0.1 and keeps them. */
export async function startAlertReceiver(): Promise<AlertReceiver> {
  const state = { deliveries: [] as Delivery[], down: false, hang: false, held: 0 };
  const server = await startServer((request, response) => {
    if (state.hang) return void state.held++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.down) return void response.writeHead(503).end('down for maintenance');
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      state.deliveries.push({ path: request.url ?? '/', headers: request.headers, body, json });
      response.writeHead(202).end('{"status":"success"}');
    });
  });
  return Object.assign(state, { origin: server.origin, port: server.port, close: server.close }) as AlertReceiver;
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
