import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { loginTiming } from './login-timing.js';

/** A login endpoint that always refuses; it answers `delayMs` later for the known account, and 429 after `limitAfter` requests. */
function login(options: { delayMs: number; limitAfter?: number }) {
  let requests = 0;
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests += 1;
      if (options.limitAfter !== undefined && requests > options.limitAfter) {
        response.writeHead(429, { 'retry-after': '60' }).end();
        return;
      }
      const { email } = JSON.parse(body) as { email: string };
      const answer = () => response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid credentials"}');
      if (email === 'alice@example.test' && options.delayMs > 0) setTimeout(answer, options.delayMs);
      else answer();
    });
  };
  return { handler, count: () => requests };
}

describe('probe/login-timing', () => {
  const leaky = login({ delayMs: 5 });
  const constant = login({ delayMs: 0 });
  const limited = login({ delayMs: 0, limitAfter: 30 });
  let leakyServer: RunningServer;
  let constantServer: RunningServer;
  let limitedServer: RunningServer;
  beforeAll(async () => {
    [leakyServer, constantServer, limitedServer] = await Promise.all([startServer(leaky.handler), startServer(constant.handler), startServer(limited.handler)]);
  });
  afterAll(async () => {
    await Promise.all([leakyServer.close(), constantServer.close(), limitedServer.close()]);
  });

  const site = (origin: string, maxRequests: number) => ({ url: origin, probes: { loginTiming: { path: '/login', knownUser: 'alice@example.test', maxRequests } } });

  it('fails when the known account answers 5 ms later, stopping at a look well before maxRequests', async () => {
    const results = await runLiveCheck(loginTiming, { targets: { sites: [site(leakyServer.origin, 400)] } });
    expect(results.map((r) => [r.status, r.messageId])).toEqual([['fail', 'timingLeak']]);
    expect(results[0]!.message).toMatch(
      new RegExp(`^${leakyServer.origin}/login: the known account answers slower than the unknown one by \\d+\\.\\d+ ms \\(99\\.75% CI \\d+\\.\\d+ to \\d+\\.\\d+ ms, p = [^,]+, (\\d+) pairs, (\\d+) requests\\): account existence leaks through timing$`),
    );
    const effect = Number(/by (\d+\.\d+) ms/.exec(results[0]!.message)![1]);
    // setTimeout(5) fires 5 ms or later: the shift is about 5 ms, more on a loaded machine.
    expect(effect).toBeGreaterThan(4);
    expect(effect).toBeLessThan(25);
    // Looks come every 50 pairs after 4 warm-up requests; a 5 ms gap is clear at the first one on an idle machine.
    const [, pairs, requests] = /(\d+) pairs, (\d+) requests/.exec(results[0]!.message)!.map(Number);
    expect(pairs! % 50).toBe(0);
    expect(requests).toBe(4 + 2 * pairs!);
    expect(leaky.count()).toBe(requests);
    expect(requests).toBeLessThan(400);
  });

  it('passes when both accounts take the same time, within maxRequests', async () => {
    const results = await runLiveCheck(loginTiming, { targets: { sites: [site(constantServer.origin, 200)] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(constant.count()).toBeLessThanOrEqual(200);
  });

  it('stops at the first 429 and says the test could not conclude', async () => {
    const results = await runLiveCheck(loginTiming, { targets: { sites: [site(limitedServer.origin, 400)] } });
    expect(results.map((r) => r.status)).toEqual(['error']);
    expect(results[0]!.message).toContain('the site answered 429 after 31 requests, before the timing test could conclude');
    expect(limited.count()).toBe(31);
  });

  it('does not probe a site that did not opt in', async () => {
    expect(await runLiveCheck(loginTiming, { targets: { sites: [constantServer.origin] } })).toEqual([]);
  });
});
