import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../../plan/schema.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { unverifiedRefused } from './unverified-refused.js';

const UNVERIFIED = 'Bearer unverified-account-token-42';

/** /api/me for the unverified account's token: 403 when the API checks verification, 200 when it does not. */
function me(checksVerification: boolean) {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization !== UNVERIFIED) response.writeHead(401).end();
    else if (checksVerification) response.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"verify your email"}');
    else response.writeHead(200, { 'content-type': 'application/json' }).end(`{"me":"echoes ${UNVERIFIED}"}`);
  };
}

describe('probe/unverified-refused', () => {
  let refusing: RunningServer;
  let open: RunningServer;
  beforeAll(async () => {
    process.env.HARDEN_TEST_UNVERIFIED_TOKEN = UNVERIFIED;
    [refusing, open] = await Promise.all([startServer(me(true)), startServer(me(false))]);
  });
  afterAll(async () => {
    await Promise.all([refusing.close(), open.close()]);
  });

  const site = (origin: string) => ({ url: origin, probes: { unverifiedRefused: { path: '/api/me', headers: { Authorization: 'env:HARDEN_TEST_UNVERIFIED_TOKEN' } } } });

  it('passes when the unverified account gets 403', async () => {
    const results = await runLiveCheck(unverifiedRefused, { targets: { sites: [site(refusing.origin)] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'GET /api/me answered 403']]);
  });

  it('fails when the unverified account is let in, and never shows its token', async () => {
    const results = await runLiveCheck(unverifiedRefused, { targets: { sites: [site(open.origin)] } });
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['fail', `${open.origin}/api/me: GET with an unverified account's credentials answered 200, not 401/403: unverified accounts are let in`],
    ]);
    expect(JSON.stringify(results)).not.toContain('unverified-account-token');
  });

  it('takes the refusal the plan names: a web app redirecting to its verification page', async () => {
    const redirecting = await startServer((_request, response) => response.writeHead(302, { location: '/verify-email' }).end());
    try {
      const probe = { path: '/dashboard', headers: { Cookie: 'env:HARDEN_TEST_UNVERIFIED_TOKEN' }, expectStatus: [302, 401, 403] };
      const results = await runLiveCheck(unverifiedRefused, { targets: { sites: [{ url: redirecting.origin, probes: { unverifiedRefused: probe } }] } });
      expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'GET /dashboard answered 302']]);
    } finally {
      await redirecting.close();
    }
  });

  it('refuses a plan that writes the token itself, or names no credentials', () => {
    const probe = (headers: Record<string, string>) => planSchema.safeParse({ targets: { sites: [{ url: 'https://example.test', probes: { unverifiedRefused: { path: '/api/me', headers } } }] } });
    expect(probe({ Authorization: UNVERIFIED }).error?.issues[0]?.message).toContain('secrets are references');
    expect(probe({}).error?.issues[0]?.message).toContain("name the unverified account's credentials");
  });
});
