import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startServer, type Handler, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { redirects } from './redirects.js';

/**
 * An https server and its plain-http twin on another port of 127.0.0.1, both in the plan (paired by
 * host name): /CASE on the http server plays http://HOST/ for the https site /CASE.
 */
describe('http/redirects on live servers', () => {
  let ca: LocalCa;
  let https: RunningServer;
  let http: RunningServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    let httpsPort = 0;
    let httpPort = 0;
    const httpsHandler: Handler = (req, res) => {
      if (req.url === '/downgrade') return res.writeHead(302, { location: `http://127.0.0.1:${httpPort}/plain` }).end();
      res.writeHead(200).end('ok');
    };
    const httpHandler: Handler = (req, res) => {
      const toHttps = (path: string) => res.writeHead(301, { location: `https://127.0.0.1:${httpsPort}${path}` }).end();
      switch (req.url) {
        case '/serves':
        case '/never-end':
        case '/plain':
          return res.writeHead(200).end('plain');
        case '/via-http':
          return res.writeHead(301, { location: '/via-http/next' }).end();
        case '/via-http/next':
          return toHttps('/via-http');
        case '/never':
          return res.writeHead(302, { location: '/never-end' }).end();
        case '/off-host':
          return res.writeHead(301, { location: `https://localhost:${httpsPort}/off-host` }).end();
        default:
          return toHttps(req.url!);
      }
    };
    https = await startServer(httpsHandler, { tls: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }) });
    http = await startServer(httpHandler);
    httpsPort = https.port;
    httpPort = http.port;
  });
  afterAll(async () => {
    await Promise.all([https.close(), http.close()]);
  });

  const failures = (results: Result[]) =>
    Object.fromEntries(results.map((r) => [new URL(r.target).pathname, r.status === 'fail' ? r.messageId : r.status]));

  it('wants http://HOST/ to go to https on the same host first, and https never to go back to http', async () => {
    const cases = ['good', 'serves', 'via-http', 'never', 'off-host', 'downgrade'];
    const results = await runLiveCheck(redirects, { targets: { sites: [...cases.map((c) => `${https.origin}/${c}`), `${http.origin}/`] }, ca: [ca.cert] });
    expect(failures(results)).toEqual({
      '/good': 'pass',
      '/serves': 'noHttpsRedirect',
      '/via-http': 'firstRedirectNotHttps',
      '/never': 'neverReachesHttps',
      '/off-host': 'firstRedirectOffHost',
      '/downgrade': 'downgrade',
      // The plain-http entry: its https twin is in the plan and reports for it.
      '/': 'pass',
    });
    const viaHttp = results.find((r) => r.messageId === 'firstRedirectNotHttps')!;
    expect(viaHttp.location).toEqual({ kind: 'url', url: `${http.origin}/via-http` });
    expect(viaHttp.evidence).toBe(`GET ${http.origin}/via-http\n301 → ${http.origin}/via-http/next\n301 → ${https.origin}/via-http\n200`);
    expect(results.find((r) => r.messageId === 'downgrade')!.message).toBe(`${https.origin}/downgrade redirects to ${http.origin}/plain: from https back to plain http`);
  });

  it('judges a plain-http site without an https twin in the plan by its own answer', async () => {
    const results = await runLiveCheck(redirects, { targets: { sites: [`${http.origin}/serves`, `${http.origin}/good`] }, ca: [ca.cert] });
    expect(failures(results)).toEqual({ '/serves': 'noHttpsRedirect', '/good': 'pass' });
  });

  it('accepts a TLS-only host: nothing listens on plain http', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const results = await runLiveCheck(redirects, { targets: { sites: [`${https.origin}/good`, `http://127.0.0.1:${closed.port}/`] }, ca: [ca.cert] });
    expect(results.map((r) => [r.target, r.status])).toEqual([
      [`http://127.0.0.1:${closed.port}/`, 'error'],
      [`${https.origin}/good`, 'pass'],
    ]);
  });
});
