import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { rateLimit } from './rate-limit.js';

/** A login endpoint that answers 401, then `limitStatus` from request `limitAfter + 1` on; records arrival times. */
function limitedLogin(limitAfter: number, limitStatus = 429) {
  const arrivals: number[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      arrivals.push(performance.now());
      if (arrivals.length > limitAfter) response.writeHead(limitStatus, { 'retry-after': '60', 'ratelimit-policy': '5;w=60' }).end();
      else response.writeHead(401).end('wrong password');
    });
  };
  return { arrivals, handler };
}

describe('probe/rate-limit', () => {
  const limited = limitedLogin(5);
  const unlimited = limitedLogin(Infinity);
  const busy = limitedLogin(3, 503);
  let limitedServer: RunningServer;
  let unlimitedServer: RunningServer;
  let busyServer: RunningServer;
  beforeAll(async () => {
    [limitedServer, unlimitedServer, busyServer] = await Promise.all([startServer(limited.handler), startServer(unlimited.handler), startServer(busy.handler)]);
  });
  afterAll(async () => {
    await Promise.all([limitedServer.close(), unlimitedServer.close(), busyServer.close()]);
  });

  const site = (origin: string, probe: Record<string, unknown>) => ({ url: origin, probes: { rateLimit: { path: '/login', method: 'POST', body: '{}', ...probe } } });

  it('passes at the first 429 and sends nothing after it', async () => {
    const results = await runLiveCheck(rateLimit, { targets: { sites: [site(limitedServer.origin, { maxRequests: 30, perSecond: 20 })] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
    // The sixth request got the 429; at 20/s each answer arrives long before the next is due.
    expect(limited.arrivals.length).toBeGreaterThanOrEqual(6);
    expect(limited.arrivals.length).toBeLessThanOrEqual(7);
  });

  it('fails when no limit answers within maxRequests, on a paced schedule', async () => {
    const results = await runLiveCheck(rateLimit, { targets: { sites: [site(unlimitedServer.origin, { maxRequests: 12, perSecond: 40 })] } });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'noLimit', `${unlimitedServer.origin}/login: 12 POST requests at 40/s got no 429 (statuses: 401×12)`],
    ]);
    expect(results[0]!.location).toEqual({ kind: 'url', url: `${unlimitedServer.origin}/login` });
    expect(unlimited.arrivals).toHaveLength(12);
    // 12 requests at 40/s, one every 25 ms: a schedule, not a burst, not even a catch-up one. Arrivals are
    // timed in this process, so one late arrival on a loaded machine may close up on the next: most are paced.
    const gaps = unlimited.arrivals.slice(1).map((at, i) => at - unlimited.arrivals[i]!).sort((a, b) => a - b);
    expect(gaps[2]).toBeGreaterThan(10);
    expect(unlimited.arrivals.at(-1)! - unlimited.arrivals[0]!).toBeGreaterThan(11 * 25 - 20);
  });

  it('takes the statuses the plan expects', async () => {
    const results = await runLiveCheck(rateLimit, { targets: { sites: [site(busyServer.origin, { maxRequests: 10, perSecond: 20, expectStatus: [429, 503] })] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(busy.arrivals.length).toBeGreaterThanOrEqual(4);
    expect(busy.arrivals.length).toBeLessThanOrEqual(5);
  });

  it('does not probe a site that did not opt in', async () => {
    expect(await runLiveCheck(rateLimit, { targets: { sites: [unlimitedServer.origin] } })).toEqual([]);
  });
});
