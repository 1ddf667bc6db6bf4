import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/services.js';
import { eventually, probeOnce } from '../../testing/probes.js';

let server: Server;
let port: number;
const open = new Set<Socket>();

beforeAll(async () => {
  port = await freePort();
  server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));

describe('tcp probe', () => {
  it('is up when the port accepts, and closes the connection at once', async () => {
    const sample = await probeOnce({ tcp: `127.0.0.1:${port}`, expect: ['latency.connect < 1s'] });
    expect(sample).toMatchObject({ ok: true });
    expect(Object.keys(sample.phases ?? {}).sort()).toEqual(['connectMs', 'dnsMs']);
    expect(await eventually(() => open.size === 0)).toBe(true);
  });

  it('is down once the listener stops', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of open) socket.destroy();
    expect(await probeOnce({ tcp: `127.0.0.1:${port}` })).toMatchObject({ ok: false, reason: 'connection refused' });
  });
});
