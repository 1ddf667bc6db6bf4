import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AlertChannel } from './index.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../store.js';
import type { AlertEvent } from '../model.js';
import type { DeliveryContext } from './define.js';
import { AlertDispatcher, backoffMs } from './outbox.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Request {
  path: string;
  key: string;
  body: string;
  status: number;
}

/** A webhook/PagerDuty receiver on 127.0.0.1 that can be taken down, made to fail, or slowed. */
class Receiver {
  readonly requests: Request[] = [];
  /** The status of the next answers; a function decides by the request's arrival index. */
  answer: number | ((request: number) => number) = 200;
  delayMs = 0;
  port = 0;
  private arrived = 0;
  private server: Server | undefined;

  get accepted(): Request[] {
    return this.requests.filter((request) => request.status < 300);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = typeof this.answer === 'number' ? this.answer : this.answer(this.arrived++);
        const body = Buffer.concat(chunks).toString('utf8');
        const key = String(request.headers['x-harden-delivery'] ?? JSON.parse(body).dedup_key + ':' + JSON.parse(body).event_action);
        setTimeout(() => {
          this.requests.push({ path: request.url ?? '', key, body, status });
          response.writeHead(status).end(status < 300 ? 'ok' : 'receiver unavailable');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const receivers: Receiver[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.down()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function receiver(): Promise<Receiver> {
  const created = new Receiver();
  receivers.push(created);
  await created.up();
  return created;
}

let databases = 0;
async function store(file = join(dir, `outbox-${++databases}.db`)): Promise<Store> {
  const opened = await openStore({ sqlite: file });
  stores.push(opened);
  await opened.migrate();
  return opened;
}

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const context: DeliveryContext = { secret: (ref) => (ref === 'env:PD' ? 'R0UTINGKEY0123456789' : `unset ${ref}`), timeoutMs: 2000, ca: [] };

function alert(monitor: string, openedAt: number, kind: 'incident.opened' | 'incident.resolved'): AlertEvent {
  const action = kind === 'incident.opened' ? 'opened' : 'resolved';
  return {
    key: `incident:${monitor}@${openedAt}:${action}`,
    kind,
    monitor,
    at: kind === 'incident.opened' ? openedAt : openedAt + 60_000,
    title: `${monitor} is ${kind === 'incident.opened' ? 'down' : 'up again'}`,
    reason: 'timeout after 10s',
    dedupKey: `${monitor}@${openedAt}`,
    target: `https://${monitor}.example.test/`,
  };
}

async function enqueue(target: Store, alerts: { channel: string; event: AlertEvent }[]): Promise<void> {
  await target.commit({ samples: [], states: [], opened: [], closed: [], alerts });
}

/** A clock the test moves: backoff is measured in it, not waited out. */
function clock(start = T0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms), set: (ms: number) => void (time = ms) };
}

/** Runs passes until nothing is due at the clock's time, moving it past each backoff; at most `rounds`. */
async function drain(dispatcher: AlertDispatcher, target: Store, time: ReturnType<typeof clock>, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await dispatcher.deliverDue();
    const pending = await target.dueAlerts(Number.MAX_SAFE_INTEGER, 1000);
    if (pending.length === 0) return;
    time.set(Math.max(time.now(), Math.min(...pending.map((entry) => entry.nextAttemptAt))));
  }
  throw new Error(`outbox not drained after ${rounds} rounds`);
}

function keysOf(requests: Request[]): string[] {
  return requests.map((request) => request.key).sort();
}

describe('AlertDispatcher', () => {
  it('delivers every alert exactly once after the receiver was down for a while, in order per incident', async () => {
    const hook = await receiver();
    await hook.down();
    const db = await store();
    const channels: Record<string, AlertChannel> = {
      hook: { webhook: { url: hook.url('/hook'), headers: {} } },
      pd: { pagerduty: { routingKey: 'env:PD', url: hook.url('/pd') } },
    };
    const monitors = ['api', 'db', 'dns', 'web', 'cdn'];
    const events = monitors.flatMap((monitor, index) => [alert(monitor, T0 + index, 'incident.opened'), alert(monitor, T0 + index, 'incident.resolved')]);
    await enqueue(db, events.flatMap((event) => [{ channel: 'hook', event }, { channel: 'pd', event }]));

    const logs: Record<string, unknown>[] = [];
    const dispatcher = new AlertDispatcher({ store: db, channels, context, log: (entry) => logs.push(entry), backoff: { baseMs: 40, maxMs: 200 } });
    dispatcher.start(10);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(hook.requests).toHaveLength(0);
    const [stats] = await db.outboxStats();
    expect(stats).toMatchObject({ channel: 'hook', pending: 10, delivered: 0 });
    expect(stats!.failing).toBeGreaterThan(0);
    expect(stats!.lastError).toMatch(new RegExp(`^could not reach 127\\.0\\.0\\.1:${hook.port}: ECONNREFUSED`));

    await hook.up();
    for (let waited = 0; waited < 100 && hook.accepted.length < 20; waited++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await dispatcher.stop();

    const hookKeys = events.map((event) => event.key);
    const pdKeys = events.map((event) => `${event.dedupKey}:${event.kind === 'incident.opened' ? 'trigger' : 'resolve'}`);
    expect(keysOf(hook.accepted.filter((request) => request.path === '/hook'))).toEqual([...hookKeys].sort());
    expect(keysOf(hook.accepted.filter((request) => request.path === '/pd'))).toEqual([...pdKeys].sort());
    for (const monitor of monitors) {
      const forMonitor = hook.accepted.filter((request) => request.path === '/pd' && request.key.startsWith(`${monitor}@`)).map((request) => request.key.split(':')[1]);
      expect(forMonitor).toEqual(['trigger', 'resolve']);
    }
    expect(await db.outboxStats()).toEqual([
      { channel: 'hook', pending: 0, failing: 0, delivered: 10, lastError: expect.any(String), lastErrorAt: expect.any(Number) },
      { channel: 'pd', pending: 0, failing: 0, delivered: 10, lastError: expect.any(String), lastErrorAt: expect.any(Number) },
    ]);
    expect(logs.filter((entry) => entry.event === 'alert.delivered')).toHaveLength(20);
    expect(logs.some((entry) => entry.event === 'alert.failed')).toBe(true);
  });

  it('retries a 500-answering receiver with exponential backoff, the failure visible in outboxStats', async () => {
    const hook = await receiver();
    hook.answer = 500;
    const db = await store();
    const time = clock();
    const backoff = { baseMs: 1000, maxMs: 8000 };
    const dispatcher = new AlertDispatcher({ store: db, channels: { hook: { webhook: { url: hook.url('/hook'), headers: {} } } }, context, log: () => undefined, now: time.now, backoff });
    await enqueue(db, [{ channel: 'hook', event: alert('api', T0, 'incident.opened') }]);

    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(await dispatcher.deliverDue()).toBe(0);
      expect(hook.requests).toHaveLength(attempt);
      const [entry] = await db.dueAlerts(Number.MAX_SAFE_INTEGER, 10);
      expect(entry).toMatchObject({ attempts: attempt, deliveredAt: null, lastError: `HTTP 500 from 127.0.0.1:${hook.port}: receiver unavailable` });
      const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
      const delay = entry!.nextAttemptAt - time.now();
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(await dispatcher.deliverDue()).toBe(0);
      expect(hook.requests).toHaveLength(attempt);
      time.set(entry!.nextAttemptAt);
    }
    const lastErrorAt = time.now();
    await dispatcher.deliverDue();
    expect(await db.outboxStats()).toEqual([{ channel: 'hook', pending: 1, failing: 1, delivered: 0, lastError: `HTTP 500 from 127.0.0.1:${hook.port}: receiver unavailable`, lastErrorAt }]);
    time.set((await db.dueAlerts(Number.MAX_SAFE_INTEGER, 1))[0]!.nextAttemptAt);

    hook.answer = 200;
    expect(await dispatcher.deliverDue()).toBe(1);
    expect(await db.outboxStats()).toMatchObject([{ channel: 'hook', pending: 0, failing: 0, delivered: 1 }]);
    expect(await dispatcher.deliverDue()).toBe(0);
    expect(hook.accepted).toHaveLength(1);
  });

  it('loses and repeats nothing across a restart on the same database file', async () => {
    const hook = await receiver();
    hook.answer = (index) => (index < 3 ? 200 : 503);
    const file = join(dir, 'restart.db');
    const first = await store(file);
    const time = clock(T0 + 10);
    const channels: Record<string, AlertChannel> = { hook: { webhook: { url: hook.url('/hook'), headers: {} } } };
    const events = ['a', 'b', 'c', 'd', 'e', 'f'].map((monitor, index) => alert(monitor, T0 + index, 'incident.opened'));
    await enqueue(first, events.map((event) => ({ channel: 'hook', event })));
    const before = new AlertDispatcher({ store: first, channels, context, log: () => undefined, now: time.now, backoff: { baseMs: 1000, maxMs: 1000 } });
    expect(await before.deliverDue()).toBe(3);
    await before.stop();
    await first.close();
    stores.splice(stores.indexOf(first), 1);

    hook.answer = 200;
    const second = await store(file);
    await enqueue(second, events.map((event) => ({ channel: 'hook', event })));
    const after = new AlertDispatcher({ store: second, channels, context, log: () => undefined, now: time.now, backoff: { baseMs: 1000, maxMs: 1000 } });
    expect(await after.deliverDue()).toBe(0);
    await drain(after, second, time);
    expect(keysOf(hook.accepted)).toEqual(events.map((event) => event.key).sort());
    expect(await second.outboxStats()).toMatchObject([{ channel: 'hook', pending: 0, failing: 0, delivered: 6 }]);
    expect(await second.integrityCheck()).toEqual([]);
  });

  it('never sends a row twice when passes and dispatchers overlap', async () => {
    const hook = await receiver();
    hook.delayMs = 50;
    const db = await store();
    const channels: Record<string, AlertChannel> = { hook: { webhook: { url: hook.url('/hook'), headers: {} } } };
    const events = Array.from({ length: 12 }, (_, index) => alert(`m${index}`, T0 + index, 'incident.opened'));
    await enqueue(db, events.map((event) => ({ channel: 'hook', event })));
    const one = new AlertDispatcher({ store: db, channels, context, log: () => undefined, concurrency: 3 });
    const two = new AlertDispatcher({ store: db, channels, context, log: () => undefined, concurrency: 3 });
    const delivered = await Promise.all([one.deliverDue(), one.deliverDue(), two.deliverDue(), two.deliverDue()]);
    expect(delivered.reduce((sum, count) => sum + count, 0)).toBe(12);
    await Promise.all([one.deliverDue(), two.deliverDue()]);
    expect(hook.requests).toHaveLength(12);
    expect(keysOf(hook.requests)).toEqual(events.map((event) => event.key).sort());
  });

  it('holds a resolution behind its failed opening, then sends both in order', async () => {
    const hook = await receiver();
    hook.answer = (index) => (index === 0 ? 503 : 202);
    const db = await store();
    const time = clock();
    const dispatcher = new AlertDispatcher({ store: db, channels: { pd: { pagerduty: { routingKey: 'env:PD', url: hook.url('/pd') } } }, context, log: () => undefined, now: time.now, backoff: { baseMs: 120_000, maxMs: 120_000 } });
    const opened = alert('api', T0, 'incident.opened');
    await enqueue(db, [{ channel: 'pd', event: opened }]);
    expect(await dispatcher.deliverDue()).toBe(0);

    time.advance(60_000);
    await enqueue(db, [{ channel: 'pd', event: alert('api', T0, 'incident.resolved') }]);
    expect(await dispatcher.deliverDue()).toBe(0);
    expect(hook.requests).toHaveLength(1);
    // The resolution is not due while the opening is undelivered; it is left untouched (no attempt).
    expect((await db.dueAlerts(Number.MAX_SAFE_INTEGER, 10)).map((entry) => entry.event.key)).toEqual([opened.key]);
    expect(await db.outboxStats()).toMatchObject([{ channel: 'pd', pending: 2, failing: 1, delivered: 0 }]);

    await drain(dispatcher, db, time);
    expect(hook.requests.map((request) => `${request.key}/${request.status}`)).toEqual([`api@${T0}:trigger/503`, `api@${T0}:trigger/202`, `api@${T0}:resolve/202`]);
  });

  it('keeps a resolution behind its opening through several failed retries', async () => {
    const hook = await receiver();
    hook.answer = (index) => (index < 2 ? 503 : 202);
    const db = await store();
    const time = clock();
    const dispatcher = new AlertDispatcher({ store: db, channels: { pd: { pagerduty: { routingKey: 'env:PD', url: hook.url('/pd') } } }, context, log: () => undefined, now: time.now, backoff: { baseMs: 1000, maxMs: 1000 } });
    await enqueue(db, [{ channel: 'pd', event: alert('api', T0, 'incident.opened') }]);
    await dispatcher.deliverDue();
    time.set(T0 + 1);
    await enqueue(db, [{ channel: 'pd', event: { ...alert('api', T0, 'incident.resolved'), at: T0 + 1 } }]);
    // The resolution is due by its time, the opening's retry is later: the resolution still waits.
    expect(await dispatcher.deliverDue()).toBe(0);
    expect(hook.requests.map((request) => request.key.split(':')[1])).toEqual(['trigger']);
    await drain(dispatcher, db, time);
    expect(hook.requests.map((request) => `${request.key.split(':')[1]}/${request.status}`)).toEqual(['trigger/503', 'trigger/503', 'trigger/202', 'resolve/202']);
  });

  it('keeps a resolution behind its failed opening across a restart on the same database file', async () => {
    const hook = await receiver();
    hook.answer = 503;
    const file = join(dir, 'restart-order.db');
    const first = await store(file);
    const time = clock();
    const channels: Record<string, AlertChannel> = { pd: { pagerduty: { routingKey: 'env:PD', url: hook.url('/pd') } } };
    const options = { channels, context, log: () => undefined, now: time.now, backoff: { baseMs: 120_000, maxMs: 120_000 } };
    await enqueue(first, [{ channel: 'pd', event: alert('api', T0, 'incident.opened') }]);
    const before = new AlertDispatcher({ store: first, ...options });
    expect(await before.deliverDue()).toBe(0);
    time.advance(60_000);
    await enqueue(first, [{ channel: 'pd', event: alert('api', T0, 'incident.resolved') }]);
    await before.stop();
    await first.close();
    stores.splice(stores.indexOf(first), 1);

    // A new process: nothing in memory says the resolution must wait.
    hook.answer = 202;
    const second = await store(file);
    const after = new AlertDispatcher({ store: second, ...options });
    expect(await after.deliverDue()).toBe(0);
    await drain(after, second, time);
    expect(hook.requests.map((request) => `${request.key}/${request.status}`)).toEqual([`api@${T0}:trigger/503`, `api@${T0}:trigger/202`, `api@${T0}:resolve/202`]);
  });

  it('keeps the alerts of a channel removed from the plan, with a clear error, until it is back', async () => {
    const hook = await receiver();
    const db = await store();
    const time = clock();
    const logs: Record<string, unknown>[] = [];
    const dispatcher = new AlertDispatcher({ store: db, channels: {}, context, log: (entry) => logs.push(entry), now: time.now, backoff: { baseMs: 1000, maxMs: 1000 } });
    await enqueue(db, [{ channel: 'ops-slack', event: alert('api', T0, 'incident.opened') }]);
    expect(await dispatcher.deliverDue()).toBe(0);
    const lastError = `channel "ops-slack" is no longer in the plan's alerts; the alert waits until it is back`;
    expect(await db.outboxStats()).toMatchObject([{ channel: 'ops-slack', pending: 1, failing: 1, lastError }]);
    expect(logs).toEqual([expect.objectContaining({ event: 'alert.failed', channel: 'ops-slack', error: lastError, attempt: 1 })]);

    dispatcher.setChannels({ 'ops-slack': { webhook: { url: hook.url('/hook'), headers: {} } } });
    expect(await dispatcher.deliverDue()).toBe(0);
    time.advance(1000);
    expect(await dispatcher.deliverDue()).toBe(1);
    expect(hook.accepted).toHaveLength(1);
  });

  it('wakes to deliver right after a commit and stops after the deliveries in flight', async () => {
    const hook = await receiver();
    hook.delayMs = 100;
    const db = await store();
    const dispatcher = new AlertDispatcher({ store: db, channels: { hook: { webhook: { url: hook.url('/hook'), headers: {} } } }, context, log: () => undefined });
    dispatcher.start(60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await enqueue(db, [{ channel: 'hook', event: alert('api', Date.now() - 1000, 'incident.opened') }]);
    dispatcher.wake();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await dispatcher.stop();
    expect(hook.accepted).toHaveLength(1);
    expect(await db.outboxStats()).toMatchObject([{ channel: 'hook', pending: 0, delivered: 1 }]);
  });

  it('stops within about one delivery timeout, leaving the rows it did not attempt as they were', async () => {
    const hook = await receiver();
    hook.delayMs = 5_000;
    const db = await store();
    const time = clock();
    const channels: Record<string, AlertChannel> = { hook: { webhook: { url: hook.url('/hook'), headers: {} } } };
    const events = Array.from({ length: 40 }, (_, index) => alert(`m${index}`, T0 - 1000 + index, 'incident.opened'));
    await enqueue(db, events.map((event) => ({ channel: 'hook', event })));
    const timeoutMs = 300;
    const dispatcher = new AlertDispatcher({ store: db, channels, context: { ...context, timeoutMs }, log: () => undefined, now: time.now, concurrency: 4 });
    dispatcher.start(60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = Date.now();
    await dispatcher.stop();
    // 40 rows, 4 at a time, each timing out: 3 s if every claimed row were attempted (the margin is for a loaded machine).
    expect(Date.now() - stopping).toBeLessThan(timeoutMs + 1200);
    const [stats] = await db.outboxStats();
    expect(stats).toMatchObject({ channel: 'hook', pending: 40, delivered: 0 });
    expect(stats!.failing).toBeGreaterThan(0);
    expect(stats!.failing).toBeLessThanOrEqual(8);

    // Their claims are released: another dispatcher over the store sends them all.
    hook.delayMs = 0;
    time.advance(3_600_000);
    const next = new AlertDispatcher({ store: db, channels, context, log: () => undefined, now: time.now });
    expect(await next.deliverDue()).toBe(40);
  });
});

describe('backoffMs', () => {
  it('doubles from the base to the cap, jittered into its upper half', () => {
    const backoff = { baseMs: 5000, maxMs: 600_000 };
    for (const [attempt, ceiling] of [[1, 5000], [2, 10_000], [5, 80_000], [8, 600_000], [60, 600_000]] as const) {
      for (let i = 0; i < 20; i++) {
        const delay = backoffMs(attempt, backoff);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
