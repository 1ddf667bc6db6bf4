import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { ensureServices, startRedis, type RunningService } from '../../testing/services.js';
import { redisNoAuth } from './redis-no-auth.js';

describe('net/redis-no-auth (real redis-server on 127.0.0.1)', () => {
  let open: RunningService;
  let locked: RunningService;
  let fake: Server;
  let fakePort: number;
  const received: string[] = [];
  beforeAll(async () => {
    ensureServices();
    [open, locked] = await Promise.all([startRedis(), startRedis({ password: 'harden-test-secret' })]);
    // Stands in for a Redis in protected mode (which only answers -DENIED to non-loopback clients), and records what it is sent.
    fake = createServer((socket) => {
      socket.once('data', (data) => {
        received.push(data.toString());
        socket.end('-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.\r\n');
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakePort = (fake.address() as { port: number }).port;
  }, 180_000);
  afterAll(async () => {
    await Promise.all([open?.close(), locked?.close(), new Promise((resolve) => fake?.close(resolve))]);
  });

  const service = (port: number) => ({ host: '127.0.0.1', port, kind: 'redis' });

  it('fails a Redis that answers PING without AUTH', async () => {
    const results = await runLiveCheck(redisNoAuth, { targets: { services: [service(open.port)] } });
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([
      ['fail', 'noAuth', `Redis at 127.0.0.1:${open.port} answered PING with +PONG: it requires no authentication`, '+PONG'],
    ]);
  });

  it('passes a Redis with requirepass (-NOAUTH)', async () => {
    const results = await runLiveCheck(redisNoAuth, { targets: { services: [service(locked.port)] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('passes a protected-mode refusal, having sent nothing but PING', async () => {
    const results = await runLiveCheck(redisNoAuth, { targets: { services: [service(fakePort)] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(received).toEqual(['PING\r\n']);
  });

  it('reports an error, not a pass, when the port does not speak Redis', async () => {
    const results = await runLiveCheck(redisNoAuth, { targets: { services: [{ host: '127.0.0.1', port: 9, kind: 'redis' }] }, timeoutMs: 1000 });
    expect(results.map((r) => r.status)).toEqual(['error']);
  });

  it('is not applicable to other kinds', async () => {
    expect(await runLiveCheck(redisNoAuth, { targets: { services: [`127.0.0.1:${open.port}`] } })).toEqual([]);
  });
});
