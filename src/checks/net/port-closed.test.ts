import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { freePort } from '../../testing/services.js';
import { portClosed } from './port-closed.js';

describe('net/port-closed', () => {
  let listener: Server;
  let openPort: number;
  let accepted = 0;
  beforeAll(async () => {
    listener = createServer((socket) => {
      accepted += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    openPort = (listener.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  it('fails when a TCP connect to a must-be-closed port succeeds', async () => {
    const results = await runLiveCheck(portClosed, { targets: { services: [`127.0.0.1:${openPort}`] } });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'open', `127.0.0.1:${openPort} accepts TCP connections from here; it is listed as a port that must be closed`],
    ]);
    expect(results[0]!.location).toEqual({ kind: 'host', host: '127.0.0.1', port: openPort });
    expect(accepted).toBeGreaterThanOrEqual(1);
  });

  it('passes when the connection is refused', async () => {
    const closed = await freePort();
    const results = await runLiveCheck(portClosed, { targets: { services: [`127.0.0.1:${closed}`] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('leaves redis and postgres entries to their own checks', async () => {
    const results = await runLiveCheck(portClosed, { targets: { services: [{ host: '127.0.0.1', port: openPort, kind: 'redis' }] } });
    expect(results).toEqual([]);
  });
});
