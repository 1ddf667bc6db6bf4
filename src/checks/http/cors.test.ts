import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_ORIGIN } from '../../targets/http/cors.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { cors } from './cors.js';

/** Each path is a CORS policy; the server records what it was asked. */
describe('http/cors on live responses', () => {
  let ca: LocalCa;
  let server: RunningServer;
  const seen: string[] = [];
  const policies: Record<string, (origin: string | undefined, method: string) => Record<string, string | undefined>> = {
    none: () => ({}),
    'allow-list': (origin) => (origin === 'https://app.test' ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    public: () => ({ 'access-control-allow-origin': '*' }),
    reflect: (origin) => (origin ? { 'access-control-allow-origin': origin } : {}),
    'reflect-credentials': (origin) => (origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}),
    'preflight-only': (origin, method) => (method === 'OPTIONS' && origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}),
    'wildcard-credentials': () => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' }),
    'null-origin': (origin) => (origin === 'null' ? { 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true' } : {}),
  };

  beforeAll(async () => {
    ca = await createLocalCa();
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url!, 'https://x').pathname.slice(1);
      seen.push(`${req.method} /${path} ${req.headers.origin ?? '-'}`);
      const headers = Object.entries(policies[path]!(req.headers.origin, req.method!)).filter((e): e is [string, string] => e[1] !== undefined);
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, Object.fromEntries(headers)).end();
    };
    server = await startServer(handler, { tls: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }) });
  });
  afterAll(() => server.close());

  it('sends a fake Origin on GET and on a preflight, and null, and reports what each response opens', async () => {
    const sites = Object.keys(policies).map((name) => `${server.origin}/${name}`);
    const results = await runLiveCheck(cors, { targets: { sites }, ca: [ca.cert] });
    const byPath = Object.fromEntries(Object.keys(policies).map((name) => [name, results.filter((r) => r.target.endsWith(`/${name}`) && r.status === 'fail').map((r) => r.messageId).sort()]));
    expect(byPath).toEqual({
      none: [],
      'allow-list': [],
      public: [],
      reflect: ['originReflected'],
      'reflect-credentials': ['originReflectedWithCredentials'],
      'preflight-only': ['originReflectedWithCredentials'],
      'wildcard-credentials': ['wildcardWithCredentials'],
      'null-origin': ['nullAllowedWithCredentials'],
    });
    const preflight = results.find((r) => r.target.endsWith('/preflight-only'))!;
    expect(preflight.message).toContain(`(OPTIONS preflight from ${PROBE_ORIGIN})`);
    expect(preflight.evidence).toBe(`OPTIONS preflight from ${PROBE_ORIGIN}\nAccess-Control-Allow-Origin: ${PROBE_ORIGIN}\nAccess-Control-Allow-Credentials: true`);
    // Bounded: a plain GET (the page), then the three CORS requests, per site; nothing else.
    expect(seen.filter((line) => line.includes(' /reflect ')).sort()).toEqual(['GET /reflect -', `GET /reflect ${PROBE_ORIGIN}`, 'GET /reflect null', `OPTIONS /reflect ${PROBE_ORIGIN}`]);
  });

  it('reports a null origin allowed without credentials on its own', async () => {
    policies['null-plain'] = (origin) => (origin === 'null' ? { 'access-control-allow-origin': 'null' } : {});
    const results = await runLiveCheck(cors, { targets: { sites: [`${server.origin}/null-plain`] }, ca: [ca.cert] });
    expect(results.map((r) => r.messageId)).toEqual(['nullAllowed']);
  });
});
