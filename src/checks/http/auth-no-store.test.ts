import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { authNoStore } from './auth-no-store.js';

describe('http/auth-no-store on the plan\'s authPaths', () => {
  let ca: LocalCa;
  let server: RunningServer;
  beforeAll(async () => {
    ca = await createLocalCa();
    server = await startServer(
      routes({
        '/': { headers: { 'cache-control': 'public, max-age=600' }, body: 'home' },
        '/login': { headers: { 'cache-control': 'No-Store, must-revalidate' }, body: 'form' },
        '/oauth/token': { headers: { 'cache-control': 'no-cache' }, body: '{}' },
        '/account': { headers: { 'cache-control': 'private' }, body: 'me' },
        '/logout': { status: 302, headers: { location: '/', 'cache-control': 'no-store' } },
        '/session': { status: 401, body: 'no' },
      }),
      { tls: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }) },
    );
  });
  afterAll(() => server.close());

  it('wants no-store on each auth path, reads directives case-insensitively and reports a path the site lacks', async () => {
    const authPaths = ['/login', '/oauth/token', '/account', '/logout', '/session', '/signin'];
    const results = await runLiveCheck(authNoStore, { targets: { sites: [{ url: server.origin, authPaths }] }, ca: [ca.cert] });
    expect(results.map((r) => [r.location.kind === 'url' ? new URL(r.location.url).pathname : '', r.messageId]).sort()).toEqual([
      ['/account', 'storable'],
      ['/oauth/token', 'storable'],
      ['/session', 'storable'],
      ['/signin', 'pathNotFound'],
    ]);
    expect(results.find((r) => r.message.startsWith('/oauth/token'))!.evidence).toBe('Cache-Control: no-cache');
    expect(results.find((r) => r.message.startsWith('/session'))!.evidence).toBe('Cache-Control: (absent)');
  });

  it('passes when every path says no-store, and does not apply to a site without authPaths', async () => {
    const results = await runLiveCheck(authNoStore, { targets: { sites: [{ url: server.origin, authPaths: ['/login', '/logout'] }, `${server.origin}/other`] }, ca: [ca.cert] });
    expect(results.map((r) => [r.target, r.status])).toEqual([[`${server.origin}/`, 'pass']]);
  });
});
