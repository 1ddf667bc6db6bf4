import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { endpointStatus } from './endpoint-status.js';

describe('probe/endpoint-status', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(
      routes({
        '/api/health': { status: 200, body: 'ok' },
        '/admin': { status: 200, body: '<h1>Admin</h1>' },
        '/metrics': { status: 403 },
        '/old-health': { status: 302, headers: { location: '/login' } },
      }),
    );
  });
  afterAll(() => server.close());

  const site = (expectStatus: unknown[]) => ({ url: server.origin, probes: { expectStatus } });

  it('passes when every listed endpoint answers as expected', async () => {
    const results = await runLiveCheck(endpointStatus, { targets: { sites: [site([{ path: '/api/health', status: 200 }, { path: '/metrics', status: [401, 403, 404] }, { path: '/debug', status: [401, 403, 404] }])] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', '/api/health 200, /metrics 403, /debug 404']]);
  });

  it('fails for each endpoint that answers otherwise: an open admin panel, a redirected health check', async () => {
    const results = await runLiveCheck(endpointStatus, { targets: { sites: [site([{ path: '/api/health', status: 200 }, { path: '/admin', status: [401, 403, 404] }, { path: '/old-health', status: 200 }])] } });
    expect(results.map((r) => [r.status, r.message, r.evidence])).toEqual([
      ['fail', `${server.origin}/admin: GET answered 200, not 401/403/404`, undefined],
      ['fail', `${server.origin}/old-health: GET answered 302, not 200`, 'Location: /login'],
    ]);
  });

  it('does not probe a site that lists nothing', async () => {
    expect(await runLiveCheck(endpointStatus, { targets: { sites: [server.origin] } })).toEqual([]);
  });
});
