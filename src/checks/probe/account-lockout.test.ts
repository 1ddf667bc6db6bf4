import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { accountLockout } from './account-lockout.js';

/** A login that refuses every password with 401 and locks an account (423) after `lockAfter` failures for it; records bodies and arrival times. */
function login(lockAfter: number) {
  const failures = new Map<string, number>();
  const attempts: { email: string; password: string; at: number }[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const { email, password } = JSON.parse(text) as { email: string; password: string };
      attempts.push({ email, password, at: performance.now() });
      const failed = (failures.get(email) ?? 0) + 1;
      failures.set(email, failed);
      if (failed > lockAfter) response.writeHead(423, { 'content-type': 'application/json' }).end('{"error":"account locked"}');
      else response.writeHead(401).end();
    });
  };
  return { handler, attempts };
}

describe('probe/account-lockout', () => {
  const locking = login(3);
  const never = login(Infinity);
  let lockingServer: RunningServer;
  let neverServer: RunningServer;
  beforeAll(async () => {
    [lockingServer, neverServer] = await Promise.all([startServer(locking.handler), startServer(never.handler)]);
  });
  afterAll(async () => {
    await Promise.all([lockingServer.close(), neverServer.close()]);
  });

  const site = (origin: string, probe: Record<string, unknown> = {}) => ({
    url: origin,
    probes: { accountLockout: { path: '/login', body: { email: 'lockout-test@example.test', password: '{wrong}' }, attempts: 6, perSecond: 20, ...probe } },
  });

  it('passes at the lockout, with a different wrong password each time and nothing sent after it', async () => {
    const results = await runLiveCheck(accountLockout, { targets: { sites: [site(lockingServer.origin)] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', '423 at wrong password 4 (statuses: 401×3, 423×1)']]);
    expect(locking.attempts).toHaveLength(4);
    expect(new Set(locking.attempts.map((a) => a.email))).toEqual(new Set(['lockout-test@example.test']));
    expect(new Set(locking.attempts.map((a) => a.password)).size).toBe(4);
    expect(locking.attempts.every((a) => a.password.startsWith('harden-wrong-'))).toBe(true);
  });

  it('fails when no lockout comes within the attempts, one at a time on the schedule', async () => {
    const results = await runLiveCheck(accountLockout, { targets: { sites: [site(neverServer.origin)] } });
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['fail', `${neverServer.origin}/login: 6 wrong passwords for one account got no 429/423 (statuses: 401×6): no per-account lockout`],
    ]);
    expect(never.attempts).toHaveLength(6);
    // 20 per second: one sent every 50 ms; arrivals jitter on a loaded machine, a burst would arrive within a few ms.
    const gaps = never.attempts.slice(1).map((a, i) => a.at - never.attempts[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThan(20);
    expect(never.attempts.at(-1)!.at - never.attempts[0]!.at).toBeGreaterThan(5 * 50 - 20);
  });

  it('does not probe a site that did not opt in', async () => {
    expect(await runLiveCheck(accountLockout, { targets: { sites: [neverServer.origin] } })).toEqual([]);
  });
});
