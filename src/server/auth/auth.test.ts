import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../monitor/store.js';
import { planSchema } from '../../plan/schema.js';
import { authStoreOf, type AuthStore } from '../../store/auth.js';
import { openStore } from '../../store/open.js';
import { startStatusServer, type RunningStatusServer } from '../server.js';
import { addUser, enrollTotp, issueToken } from './accounts.js';
import { checkCsrf, requireRole } from './guard.js';
import { LoginLimiter } from './rate-limit.js';
import { sha256Hex } from './secrets.js';
import { ServerAuth } from './server-auth.js';
import { totpCode } from './totp.js';

const COST = { memoryCost: 4096, timeCost: 2, parallelism: 1 };
const PASSWORD = 'correct horse battery';

describe('harden serve sign-in on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-auth-'));
  const database = join(dir, 'harden.db');
  let clock = Date.parse('2026-12-07T12:00:00Z');
  let store: Store;
  let auth: AuthStore;
  let serverAuth: ServerAuth;
  let server: RunningStatusServer;
  const logged: string[] = [];

  beforeAll(async () => {
    store = await openStore({ sqlite: database });
    await store.migrate();
    auth = authStoreOf(store);
    for (const [name, role] of [['ada', 'admin'], ['val', 'viewer'], ['tess', 'operator'], ['lock', 'viewer']] as const) expect(await addUser(auth, { name, role, password: PASSWORD, at: clock, cost: COST })).toBeUndefined();
    serverAuth = new ServerAuth({ store: auth, now: () => clock, cost: COST, limiter: new LoginLimiter(auth, { perUser: 3, perClient: 50, windowMs: 60_000 }), log: (level, message, fields) => logged.push(JSON.stringify({ level, message, ...fields })) });
    const plan = planSchema.parse({ monitors: [{ name: 'api', http: { url: 'https://api.example.test/health' } }] });
    server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, auth: serverAuth });
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cookieValue = (response: Response, name: string) => new RegExp(`^${name}=([^;]*)`).exec(response.headers.get('set-cookie') ?? '')?.[1];
  const csrfIn = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  const post = (path: string, fields: Record<string, string>, cookie = '') =>
    fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams(fields).toString() });

  async function loginForm(next = '/dashboard') {
    const response = await fetch(`${server.url}/login?next=${encodeURIComponent(next)}`);
    const nonce = cookieValue(response, '__Host-harden-login')!;
    return { cookie: `__Host-harden-login=${nonce}`, csrf: csrfIn(await response.text()), response };
  }

  async function signIn(user: string, password = PASSWORD, next = '/dashboard') {
    const form = await loginForm(next);
    return post('/login', { csrf: form.csrf, user, password, next }, form.cookie);
  }

  const rows = <T>(query: string): T[] => {
    const db = new Database(database, { readonly: true });
    try {
      return db.prepare(query).all() as T[];
    } finally {
      db.close();
    }
  };
  const request = (headers: Record<string, string>, url = '/dashboard', method = 'GET') => ({ headers, url, method, socket: {} }) as unknown as IncomingMessage;

  it('serves the form with a CSRF token and sets the session cookie with __Host-, Secure, HttpOnly and SameSite=Lax on success', async () => {
    const { response } = await loginForm();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-harden-login=[\w-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=1800$/);
    const signedIn = await signIn('ada');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/dashboard');
    expect(signedIn.headers.get('set-cookie')).toMatch(/^__Host-harden-session=[\w-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const id = cookieValue(signedIn, '__Host-harden-session')!;
    const principal = await serverAuth.authenticate(request({ cookie: `__Host-harden-session=${id}` }));
    expect(principal).toMatchObject({ user: 'ada', role: 'admin', via: 'session' });
    // At rest: the SHA-256 of the id, never the id.
    expect(rows<{ id_hash: string }>('select id_hash from sessions').map((row) => row.id_hash)).toContain(sha256Hex(id));
    expect(readFileSync(database).includes(id)).toBe(false);
  });

  it('refuses a wrong password and an unknown user alike, and an off-site next', async () => {
    const wrong = await signIn('val', 'not the password');
    const unknown = await signIn('nobody', PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await unknown.text()).toContain('Wrong user name or password.');
    const typo = await signIn(PASSWORD, PASSWORD);
    expect(typo.status).toBe(401);
    expect(logged.filter((line) => line.includes('sign-in failed')).length).toBeGreaterThanOrEqual(3);
    expect(logged.filter((line) => line.includes(PASSWORD) || line.includes('not the password'))).toEqual([]);
    const offsite = await signIn('val', PASSWORD, '//evil.example/');
    // An off-site or missing next lands on the dashboard, what a sign-in is for.
    expect(offsite.headers.get('location')).toBe('/dashboard');
    expect((await signIn('val', PASSWORD, '')).headers.get('location')).toBe('/dashboard');
  });

  it('refuses a POST without the form\'s CSRF token, or with another form\'s', async () => {
    const form = await loginForm();
    const other = await loginForm();
    expect((await post('/login', { user: 'ada', password: PASSWORD }, form.cookie)).status).toBe(403);
    expect((await post('/login', { csrf: other.csrf, user: 'ada', password: PASSWORD }, form.cookie)).status).toBe(403);
    expect((await post('/login', { csrf: form.csrf, user: 'ada', password: PASSWORD })).status).toBe(403);
    const id = cookieValue(await signIn('ada'), '__Host-harden-session')!;
    expect((await post('/logout', {}, `__Host-harden-session=${id}`)).status).toBe(403);
    const principal = (await serverAuth.authenticate(request({ cookie: `__Host-harden-session=${id}` })))!;
    // With the right token, but from another site (a browser says so): neither sign-out nor sign-in.
    const crossSite = (path: string, fields: Record<string, string>, cookie: string, headers: Record<string, string>) =>
      fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers }, body: new URLSearchParams(fields).toString() });
    expect((await crossSite('/logout', { csrf: principal.csrf }, `__Host-harden-session=${id}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await crossSite('/logout', { csrf: principal.csrf }, `__Host-harden-session=${id}`, { origin: 'https://evil.example' })).status).toBe(403);
    const fresh = await loginForm();
    expect((await crossSite('/login', { csrf: fresh.csrf, user: 'ada', password: PASSWORD, next: '/' }, fresh.cookie, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(await serverAuth.authenticate(request({ cookie: `__Host-harden-session=${id}` }))).toMatchObject({ user: 'ada' });
    // Behind a proxy that rewrites Host, the Origin never equals it: a browser's Sec-Fetch-Site decides.
    const proxied = await loginForm();
    expect((await crossSite('/login', { csrf: proxied.csrf, user: 'ada', password: PASSWORD, next: '/' }, proxied.cookie, { 'sec-fetch-site': 'same-origin', origin: 'https://status.acme.test' })).status).toBe(303);
    expect(checkCsrf(principal, new URLSearchParams({ csrf: principal.csrf }))).toBe(true);
    expect(checkCsrf(principal, new URLSearchParams({ csrf: other.csrf }))).toBe(false);
    const out = await post('/logout', { csrf: principal.csrf }, `__Host-harden-session=${id}`);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toBe('__Host-harden-session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(await serverAuth.authenticate(request({ cookie: `__Host-harden-session=${id}` }))).toBeUndefined();
  });

  it('locks a user out after repeated failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('lock', 'wrong password!')).status).toBe(401);
    const locked = await signIn('lock');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The form again, saying how long in words (not "try again in 898 s" on a blank page).
    expect(locked.headers.get('content-type')).toMatch(/^text\/html/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    const words = retryAfter < 60 ? `${retryAfter} seconds` : retryAfter <= 60 ? '1 minute' : `${Math.ceil(retryAfter / 60)} minutes`;
    expect(await locked.text()).toContain(`>Too many failed sign-ins: try again in ${words}.<`);
    clock += 61_000;
    expect((await signIn('lock')).status).toBe(303);
  });

  it('asks a user with TOTP for a code, accepts the current one once', async () => {
    const uri = (await enrollTotp(auth, 'tess'))!;
    const secret = new URL(uri).searchParams.get('secret')!;
    expect(uri).toMatch(/^otpauth:\/\/totp\/harden:tess\?/);
    const first = await signIn('tess');
    expect(first.headers.get('location')).toBe('/login?next=%2Fdashboard');
    const pending = `__Host-harden-session=${cookieValue(first, '__Host-harden-session')}`;
    expect(await serverAuth.authenticate(request({ cookie: pending }))).toBeUndefined();
    const page = await (await fetch(`${server.url}/login?next=%2Fdashboard`, { headers: { cookie: pending } })).text();
    expect(page).toContain('name="code"');
    const csrf = csrfIn(page);
    expect((await post('/login/totp', { csrf, code: '000000', next: '/dashboard' }, pending)).status).toBe(401);
    const accepted = await post('/login/totp', { csrf, code: totpCode(secret, clock), next: '/dashboard' }, pending);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/dashboard');
    const session = `__Host-harden-session=${cookieValue(accepted, '__Host-harden-session')}`;
    expect(session).not.toBe(pending);
    expect(await serverAuth.authenticate(request({ cookie: session }))).toMatchObject({ user: 'tess', role: 'operator' });
    // The same code again: a replay.
    const again = await signIn('tess');
    const pendingAgain = `__Host-harden-session=${cookieValue(again, '__Host-harden-session')}`;
    const againPage = await (await fetch(`${server.url}/login`, { headers: { cookie: pendingAgain } })).text();
    expect((await post('/login/totp', { csrf: csrfIn(againPage), code: totpCode(secret, clock) }, pendingAgain)).status).toBe(401);
  });

  it('ends every session of a revoked user, and a session left unused for two hours', async () => {
    const idle = `__Host-harden-session=${cookieValue(await signIn('val'), '__Host-harden-session')}`;
    clock += 2 * 3_600_000 + 1;
    expect(await serverAuth.authenticate(request({ cookie: idle }))).toBeUndefined();
    const cookie = `__Host-harden-session=${cookieValue(await signIn('val'), '__Host-harden-session')}`;
    expect(await serverAuth.authenticate(request({ cookie }))).toMatchObject({ user: 'val' });
    expect(await auth.revokeSessions('val')).toBeGreaterThan(0);
    expect(await serverAuth.authenticate(request({ cookie }))).toBeUndefined();
    // A dashboard left open refreshes itself every 15 s: that keeps the page current, not the session alive.
    const watched = `__Host-harden-session=${cookieValue(await signIn('val'), '__Host-harden-session')}`;
    for (let minute = 0; minute < 125; minute += 5) {
      clock += 5 * 60_000;
      const live = await serverAuth.authenticate(request({ cookie: watched, 'x-harden-live': '1' }));
      expect(live === undefined).toBe(minute + 5 > 120);
    }
  });

  it('keeps API tokens hashed, shown once, reaching only the read-only API as viewer', async () => {
    const token = (await issueToken(auth, 'ci', clock))!;
    expect(token).toMatch(/^hdn_[\w-]{43}$/);
    expect(await issueToken(auth, 'ci', clock)).toBeUndefined();
    expect(rows('select token_hash from api_tokens')).toEqual([{ token_hash: sha256Hex(token) }]);
    const bearer = { authorization: `Bearer ${token}` };
    expect(await serverAuth.authenticate(request(bearer, '/api/v1/monitors'))).toEqual({ user: 'token:ci', role: 'viewer', via: 'token', csrf: '' });
    expect(await serverAuth.authenticate(request(bearer, '/dashboard'))).toBeUndefined();
    // A POST with a token is a viewer's: refused by role, with a reason, not as if no token were sent.
    expect(await serverAuth.authenticate(request(bearer, '/api/v1/monitors', 'POST'))).toEqual({ user: 'token:ci', role: 'viewer', via: 'token', csrf: '' });
    // The scheme's name in any case (RFC 9110), and spaces before the token.
    expect(await serverAuth.authenticate(request({ authorization: `bearer  ${token}` }, '/api/v1/monitors'))).toMatchObject({ user: 'token:ci' });
    expect(await serverAuth.authenticate(request({ authorization: 'Bearer hdn_wrongwrongwrongwrongwrong' }, '/api/v1/monitors'))).toBeUndefined();
    expect((await auth.tokens())[0]).toMatchObject({ name: 'ci', lastUsedAt: clock });
  });

  it('guards pages with 303 to /login and the API with 401/403 JSON', async () => {
    const admin = requireRole('admin', serverAuth.authenticate);
    const page = await admin(request({}, '/dashboard/monitors?x=1'));
    expect(page.reply).toMatchObject({ status: 303, headers: { location: '/login?next=%2Fdashboard%2Fmonitors%3Fx%3D1' } });
    const api = await admin(request({}, '/api/v1/verify'));
    expect(api.reply).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer realm="harden"' } });
    const viewer = `__Host-harden-session=${cookieValue(await signIn('val'), '__Host-harden-session')}`;
    expect((await admin(request({ cookie: viewer }, '/dashboard'))).reply?.status).toBe(403);
    expect((await admin(request({ cookie: viewer }, '/api/v1/verify'))).reply).toMatchObject({ status: 403, type: 'application/json; charset=utf-8' });
    expect((await requireRole('viewer', serverAuth.authenticate)(request({ cookie: viewer }))).principal).toMatchObject({ user: 'val' });
  });
});
