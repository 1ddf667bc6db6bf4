import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { headerSites, type HeaderSites } from '../../testing/header-sites.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { cookies } from './cookies.js';

describe('http/cookies on live responses', () => {
  let server: HeaderSites;
  let plain: RunningServer;
  beforeAll(async () => {
    server = await headerSites({
      good: { 'set-cookie': ['__Host-session=s3cr3tvalue; Path=/; Secure; HttpOnly; SameSite=Lax', 'theme=dark; Secure', '__Secure-pref=1; Secure; SameSite=Strict'] },
      'no-cookies': {},
      'not-secure': { 'set-cookie': 'theme=dark; SameSite=Lax' },
      'session-bare': { 'set-cookie': 'PHPSESSID=abcdef123456; Path=/; Secure' },
      'samesite-bogus': { 'set-cookie': 'pref=1; Secure; SameSite=sometimes' },
      'samesite-none-insecure': { 'set-cookie': '__Secure-x=1; SameSite=None' },
      'host-prefix-broken': { 'set-cookie': '__Host-id=1; Secure; Path=/app; Domain=127.0.0.1' },
      'deletion-ignored': { 'set-cookie': 'sessionid=; Max-Age=0' },
    });
    plain = await startServer((_req, res) => res.writeHead(200, { 'set-cookie': 'theme=dark; SameSite=Lax' }).end('ok'));
  });
  afterAll(async () => {
    await Promise.all([server.close(), plain.close()]);
  });

  it('reports each cookie rule it breaks, with the value masked in the evidence', async () => {
    const results = await runLiveCheck(cookies, { targets: { sites: server.sites }, ca: server.ca });
    expect(server.byCase(results)).toEqual({
      good: [],
      'no-cookies': [],
      'not-secure': ['notSecure'],
      'session-bare': ['sessionNoSameSite', 'sessionNotHttpOnly'],
      'samesite-bogus': ['sameSiteInvalid'],
      'samesite-none-insecure': ['sameSiteNoneInsecure', 'securePrefixInsecure'],
      'host-prefix-broken': ['hostPrefixInvalid'],
      'deletion-ignored': [],
    });
    const session = results.find((r) => r.messageId === 'sessionNotHttpOnly')!;
    expect(session.evidence).toBe('Set-Cookie: PHPSESSID=abcd…; Path=/; Secure');
    expect(results.find((r) => r.messageId === 'hostPrefixInvalid')!.message).toBe('cookie "__Host-id" breaks the __Host- prefix rules (Path=/app, Domain=127.0.0.1): browsers reject it');
  });

  it('does not ask for Secure on a plain-http site', async () => {
    const results = await runLiveCheck(cookies, { targets: { sites: [plain.origin] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});
