import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../monitor/store.js';
import { planSchema } from '../../plan/schema.js';
import { authStoreOf, type AuthStore } from '../../store/auth.js';
import { openStore } from '../../store/open.js';
import { startStatusServer, type RunningStatusServer } from '../server.js';
import { addUser } from './accounts.js';
import { roleOf } from './oidc.js';
import { sha256Hex } from './secrets.js';
import { ServerAuth } from './server-auth.js';

const COST = { memoryCost: 4096, timeCost: 2, parallelism: 1 };
const CLIENT_SECRET = 'a-client-secret-only-the-test-knows-0123456789';
const ACCOUNTS: Record<string, { email: string; groups: string[] }> = {
  ada: { email: 'ada@example.test', groups: ['staff', 'ops-admins'] },
  otto: { email: 'otto@example.test', groups: ['ops'] },
  sam: { email: 'sam@example.test', groups: ['sales'] },
  pat: { email: 'pat@example.test', groups: ['ops'] },
};

/** A real OpenID provider on 127.0.0.1, its development login and consent pages driven with plain HTTP. */
describe('harden serve single sign-on against oidc-provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-oidc-'));
  let store: Store;
  let auth: AuthStore;
  let server: RunningStatusServer;
  let serverAuth: ServerAuth;
  let providerServer: Server;
  let issuer = '';
  const logged: string[] = [];

  beforeAll(async () => {
    let handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => void response.writeHead(503).end();
    providerServer = createServer((request, response) => handler(request, response));
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;

    store = await openStore({ sqlite: join(dir, 'harden.db') });
    await store.migrate();
    auth = authStoreOf(store);
    expect(await addUser(auth, { name: 'pat@example.test', role: 'viewer', password: 'correct horse battery', at: 0, cost: COST })).toBeUndefined();
    let publicUrl = '';
    serverAuth = new ServerAuth({
      store: auth,
      cost: COST,
      log: (level, message, fields) => logged.push(JSON.stringify({ level, message, ...fields })),
      oidc: {
        config: { issuer, clientId: 'harden', scopes: ['openid', 'email', 'groups'], name: 'Example ID', userClaim: 'email', roles: { claim: 'groups', admin: ['ops-admins'], operator: ['ops'], viewer: ['readers'] } },
        clientSecret: CLIENT_SECRET,
        publicUrl: () => publicUrl,
        allowInsecureRequests: true,
      },
    });
    const plan = planSchema.parse({});
    server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, auth: serverAuth });
    publicUrl = server.url;

    const provider = new Provider(issuer, {
      clients: [{ client_id: 'harden', client_secret: CLIENT_SECRET, redirect_uris: [`${server.url}/login/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      findAccount: (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, email: ACCOUNTS[id]!.email, email_verified: true, groups: ACCOUNTS[id]!.groups }) } : undefined),
      claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['test-cookie-key'] },
    });
    handler = provider.callback();
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
    providerServer?.closeAllConnections();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cookiesOf = (response: Response) => Object.fromEntries(response.headers.getSetCookie().map((line) => line.split(';')[0]!.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const header = (jar: Record<string, string>) => Object.entries(jar).map(([name, value]) => `${name}=${value}`).join('; ');

  /** Starts a sign-in at harden, signs `account` in at the provider; the callback URL harden is sent back to, and harden's flow cookie. */
  async function throughProvider(account: string, next = '/dashboard'): Promise<{ callback: URL; flow: string }> {
    const start = await fetch(`${server.url}/login/oidc?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const flow = cookiesOf(start)['__Host-harden-oidc']!;
    expect(start.headers.get('set-cookie')).toMatch(/^__Host-harden-oidc=[\w-]+; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=600$/);
    const jar: Record<string, string> = {};
    let url = new URL(start.headers.get('location')!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 12; hop++) {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: header(jar) }, ...(form ? { method: 'POST', body: form } : {}) });
      Object.assign(jar, cookiesOf(response));
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.href.startsWith(server.url)) return { callback: url, flow };
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page ${response.status}: ${page.slice(0, 300)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url);
      form = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'anything' } : { prompt });
    }
    throw new Error('the provider never sent the user back');
  }

  const back = (callback: URL, flow: string) => fetch(callback, { redirect: 'manual', headers: { cookie: `__Host-harden-oidc=${flow}` } });
  const withFlow = (flow: string, change: Record<string, string>) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(flow, 'base64url').toString()), ...change })).toString('base64url');
  const sessionOf = (response: Response) => cookiesOf(response)['__Host-harden-session'];

  it('signs a user in with the role of their groups, a session like a password sign-in, and no token in the log', async () => {
    const login = await fetch(`${server.url}/login?next=/dashboard`);
    expect(await login.text()).toContain('<a class="button" href="/login/oidc?next=%2Fdashboard">Sign in with Example ID</a>');

    const { callback, flow } = await throughProvider('ada');
    const signedIn = await back(callback, flow);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/dashboard');
    const session = sessionOf(signedIn)!;
    expect(signedIn.headers.getSetCookie()).toContain('__Host-harden-oidc=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(await auth.user('ada@example.test')).toMatchObject({ role: 'admin', source: 'oidc', passwordHash: '' });
    expect(await serverAuth.authenticate({ headers: { cookie: `__Host-harden-session=${session}` }, url: '/', method: 'GET', socket: {} } as unknown as IncomingMessage)).toMatchObject({ user: 'ada@example.test', role: 'admin', via: 'session' });

    const otto = await throughProvider('otto');
    expect(sessionOf(await back(otto.callback, otto.flow))).toBeDefined();
    expect(await auth.user('otto@example.test')).toMatchObject({ role: 'operator', source: 'oidc' });

    // Signed up by single sign-on, Ada has no password here: the password form answers as for an unknown user.
    const form = await fetch(`${server.url}/login`);
    const nonce = cookiesOf(form)['__Host-harden-login']!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const byPassword = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-harden-login=${nonce}` }, body: new URLSearchParams({ csrf, user: 'ada@example.test', password: '', next: '/' }) });
    expect(byPassword.status).toBe(401);
    expect(logged.at(-1)).toContain('"user":"(unknown user)"');

    const log = logged.join('\n');
    expect(log).toContain('"message":"signed in","user":"ada@example.test","via":"oidc"');
    for (const secret of [callback.searchParams.get('code')!, flow, CLIENT_SECRET, session]) expect(log).not.toContain(secret);
  });

  it('refuses a user whose groups match no role with a clear page (ending their sessions), a provider\'s error text, and the name of a password user', async () => {
    const { callback, flow } = await throughProvider('sam');
    const refused = await back(callback, flow);
    expect(refused.status).toBe(403);
    expect(sessionOf(refused)).toBeUndefined();
    expect(await refused.text()).toContain('You are signed in at Example ID, but none of your groups has a role in harden. Ask an administrator.');
    expect(await auth.user('sam@example.test')).toBeUndefined();
    expect(logged.at(-1)).toContain('"message":"single sign-on refused: no role for these groups","user":"sam@example.test","claim":"groups","groups":["sales"]');

    // Groups taken away at the provider: the next sign-in is refused and the sessions signed in before end.
    const otto = await throughProvider('otto');
    const ottoSession = sessionOf(await back(otto.callback, otto.flow))!;
    expect(await auth.session(sha256Hex(ottoSession), Date.now())).toBeDefined();
    ACCOUNTS.otto!.groups = ['former-ops'];
    const later = await throughProvider('otto');
    expect((await back(later.callback, later.flow)).status).toBe(403);
    expect(await auth.session(sha256Hex(ottoSession), Date.now())).toBeUndefined();
    ACCOUNTS.otto!.groups = ['ops'];

    // Anyone can link to the callback with ?error=…: only a code is shown, never free text.
    const started = cookiesOf(await fetch(`${server.url}/login/oidc`, { redirect: 'manual' }))['__Host-harden-oidc']!;
    const phishing = await back(new URL(`${server.url}/login/oidc/callback?error=${encodeURIComponent('Call +1 555 0100 to unlock your account')}`), started);
    expect(phishing.status).toBe(403);
    const phishingPage = await phishing.text();
    expect(phishingPage).toContain('Example ID did not sign you in (unknown error).');
    expect(phishingPage).not.toContain('555');
    expect((await fetch(`${server.url}/login/oidc/callback`, { method: 'HEAD' })).status).toBe(405);

    const pat = await throughProvider('pat');
    const taken = await back(pat.callback, pat.flow);
    expect(taken.status).toBe(403);
    expect(sessionOf(taken)).toBeUndefined();
    expect(await auth.user('pat@example.test')).toMatchObject({ role: 'viewer', source: 'password' });
  });

  it('comes back to the dashboard when the sign-in was started without a next page, and never to another site', async () => {
    for (const [started, next] of [['/login/oidc', '/dashboard'], ['/login/oidc?next=%2F%2Fevil.example%2F', '/dashboard'], ['/login/oidc?next=%2Fdashboard%2Fplan', '/dashboard/plan']] as const) {
      const flow = cookiesOf(await fetch(`${server.url}${started}`, { redirect: 'manual' }))['__Host-harden-oidc']!;
      expect(JSON.parse(Buffer.from(flow, 'base64url').toString()).next, started).toBe(next);
    }
  });

  it('refuses a wrong state, a wrong nonce and a callback without its cookie', async () => {
    for (const [field, value] of [['state', 'another-state-value-0123456789abcdef'], ['nonce', 'another-nonce-value-0123456789abcdef']] as const) {
      const { callback, flow } = await throughProvider('otto');
      const refused = await back(callback, withFlow(flow, { [field]: value }));
      expect(refused.status).toBe(403);
      expect(sessionOf(refused)).toBeUndefined();
      expect(await refused.text()).toContain('The single sign-on response could not be verified: sign in again.');
      expect(logged.at(-1)).toMatch(new RegExp(`single sign-on failed.*\\b${field}\\b`));
    }
    const { callback } = await throughProvider('otto');
    const noCookie = await fetch(callback, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    expect(sessionOf(noCookie)).toBeUndefined();
  });

  it('maps groups to the highest role that names one of them; "*" matches anyone', () => {
    const roles = { claim: 'groups', admin: ['a'], operator: ['o'], viewer: ['*'] };
    expect(roleOf(['o', 'a'], roles)).toBe('admin');
    expect(roleOf(['o'], roles)).toBe('operator');
    expect(roleOf([], roles)).toBe('viewer');
    expect(roleOf(['x'], { ...roles, viewer: [] })).toBeUndefined();
  });
});
