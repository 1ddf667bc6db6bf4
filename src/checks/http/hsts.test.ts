import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import type { Handler } from '../../testing/http-server.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { hsts } from './hsts.js';

const PRELOAD = 'max-age=63072000; includeSubDomains; preload';

/**
 * An https server and its plain-http twin on another port of 127.0.0.1. The plan lists both;
 * harden pairs them by host name (SiteTarget.twin), and each case path on the https server has
 * the same path on the http one: /CASE on http stands for http://HOST/ of that case.
 */
describe('http/hsts on live responses', () => {
  let ca: LocalCa;
  let https: RunningServer;
  let http: RunningServer;
  const sts: Record<string, string | undefined> = {
    good: PRELOAD,
    missing: undefined,
    short: 'max-age=300',
    invalid: 'includeSubDomains',
    'no-preload': 'max-age=31536000; includeSubDomains',
    'preload-ineligible': 'max-age=0; includeSubDomains; preload',
    'http-serves-page': PRELOAD,
    'http-redirects-to-http': PRELOAD,
    'http-redirects-off-host': PRELOAD,
    'redirect-without-hsts': PRELOAD,
  };

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    let httpsPort = 0;
    let httpPort = 0;
    const httpsHandler: Handler = (req, res) => {
      const path = new URL(req.url!, 'https://x').pathname;
      if (path === '/redirect-without-hsts') return res.writeHead(301, { location: '/redirect-without-hsts/home' }).end();
      const value = sts[path.replace('/redirect-without-hsts/home', '/redirect-without-hsts').slice(1)];
      res.writeHead(200, value ? { 'strict-transport-security': value } : {}).end('ok');
    };
    const httpHandler: Handler = (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/http-serves-page') return res.writeHead(200).end('plain');
      if (path === '/http-redirects-to-http') return res.writeHead(301, { location: `http://127.0.0.1:${httpPort}/elsewhere` }).end();
      if (path === '/http-redirects-off-host') return res.writeHead(301, { location: `https://localhost:${httpsPort}${path}` }).end();
      res.writeHead(301, { location: `https://127.0.0.1:${httpsPort}${path}` }).end();
    };
    https = await startServer(httpsHandler, { tls });
    http = await startServer(httpHandler);
    httpsPort = https.port;
    httpPort = http.port;
  });
  afterAll(async () => {
    await Promise.all([https.close(), http.close()]);
  });

  const byCase = (results: Result[]) => {
    const out: Record<string, string[]> = {};
    for (const r of results) {
      const name = new URL(r.target).pathname.slice(1);
      out[name] ??= [];
      if (r.status !== 'pass') out[name].push(r.status === 'fail' ? r.messageId! : r.status);
    }
    for (const ids of Object.values(out)) ids.sort();
    return out;
  };

  it('applies the shared HSTS rule to the https page and the preload list\'s redirect rules to its http twin and https redirects', async () => {
    const sites = [...Object.keys(sts).map((name) => `${https.origin}/${name}`), `${http.origin}/`];
    const results = await runLiveCheck(hsts, { targets: { sites }, ca: [ca.cert] });
    expect(byCase(results)).toEqual({
      good: [],
      missing: ['hstsMissing'],
      short: ['hstsNoSubdomains', 'hstsShortMaxAge'],
      invalid: ['hstsInvalid'],
      'no-preload': ['hstsNoPreload'],
      'preload-ineligible': ['hstsPreloadIneligible', 'hstsShortMaxAge'],
      'http-serves-page': ['preloadHttpNoRedirect'],
      'http-redirects-to-http': ['preloadHttpFirstRedirect'],
      'http-redirects-off-host': ['preloadHttpFirstRedirect'],
      'redirect-without-hsts': ['preloadRedirectWithoutHsts'],
      // The plain-http site itself: HSTS means nothing over http, so no result at all.
    });
    const offHost = results.find((r) => r.target.endsWith('/http-redirects-off-host'))!;
    expect(offHost.location).toEqual({ kind: 'url', url: `${http.origin}/http-redirects-off-host` });
    expect(offHost.message).toContain(`first redirects to https://localhost:${https.port}/http-redirects-off-host`);
    expect(results.find((r) => r.messageId === 'preloadRedirectWithoutHsts')!.evidence).toBe('Location: /redirect-without-hsts/home\nStrict-Transport-Security: (absent)');
  });

  it('accepts a TLS-only host: nothing listening on plain http is allowed', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const results = await runLiveCheck(hsts, { targets: { sites: [`${https.origin}/good`, `http://127.0.0.1:${closed.port}/`] }, ca: [ca.cert] });
    expect(results.map((r) => [r.target, r.status])).toEqual([[`${https.origin}/good`, 'pass']]);
  });
});
