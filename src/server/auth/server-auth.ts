import type { BlockList } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { AuthStore } from '../../store/auth.js';
import { text, TYPES, type Reply } from '../responses.js';
import { clearCookie, LOGIN_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies.js';
import { readForm } from './form-body.js';
import { safeNext } from './guard.js';
import { renderLoginPage } from './login-page.js';
import { clearFlowCookie, OIDC_CALLBACK, OIDC_START, OidcSignIn, type OidcOptions } from './oidc.js';
import { PasswordChecker, type PasswordCost } from './passwords.js';
import { LoginLimiter } from './rate-limit.js';
import { csrfOf, randomSecret, sameSecret, sha256Hex } from './secrets.js';
import { isRole, LIVE_REFRESH_HEADER, ROLE_RANK, type Authenticate, type Principal } from './session.js';
import { acceptTotp } from './totp.js';
import { clientAddress, trustedProxies } from './client-address.js';
import { crossOrigin } from './origin.js';

export interface AuthOptions {
  store: AuthStore;
  now?: () => number;
  /** argon2id cost of the dummy hash unknown users are checked against: the cost users' hashes have. */
  cost?: PasswordCost;
  /** Failed sign-ins; default: 5 per user and 20 per client over 15 minutes, counted in `store`. */
  limiter?: LoginLimiter;
  /** A session's whole life; default 12 hours. */
  sessionMs?: number;
  /** A session unused this long ends; default 2 hours. */
  idleMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Single sign-on with an OpenID Connect provider, beside passwords. */
  oidc?: OidcOptions;
  /** CIDRs of the proxies in front (serve.trustedProxies): their X-Forwarded-For names the client counted against. */
  trustedProxies?: readonly string[];
}

/** Between the password and the second factor. */
const PENDING_MS = 5 * 60_000;
const LOGIN_NONCE_SECONDS = 30 * 60;

/**
 * Sign-in for harden serve: /login (password, then a TOTP code when the user has one),
 * /logout, and authenticate() for every other route. Sessions live in the store by the SHA-256
 * of their cookie; their CSRF token is derived from the cookie's value.
 */
export class ServerAuth {
  readonly #store: AuthStore;
  readonly #now: () => number;
  readonly #passwords: PasswordChecker;
  readonly #limiter: LoginLimiter;
  readonly #sessionMs: number;
  readonly #idleMs: number;
  readonly #log: NonNullable<AuthOptions['log']>;
  readonly #oidc: OidcSignIn | undefined;
  readonly #proxies: BlockList | undefined;

  constructor(options: AuthOptions) {
    this.#proxies = options.trustedProxies?.length ? trustedProxies(options.trustedProxies) : undefined;
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
    this.#passwords = new PasswordChecker(options.cost);
    this.#limiter = options.limiter ?? new LoginLimiter(options.store);
    this.#sessionMs = options.sessionMs ?? 12 * 3_600_000;
    this.#idleMs = options.idleMs ?? 2 * 3_600_000;
    this.#log = options.log ?? (() => undefined);
    this.#oidc = options.oidc && new OidcSignIn(options.oidc, this.#store, this.#log, this.#now);
  }

  /** Where the provider sends users back (register it at the provider); undefined without single sign-on. */
  get oidcRedirectUri(): string | undefined {
    return this.#oidc?.redirectUri;
  }

  readonly authenticate: Authenticate = async (request) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.#bearer(request, authorization);
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!id) return undefined;
    const now = this.#now();
    // The dashboard's live refresh says so: it keeps the page current, not the session alive.
    const session = await this.#store.session(sha256Hex(id), now, request.headers[LIVE_REFRESH_HEADER] !== '1');
    if (!session || session.pendingTotp || !isRole(session.user.role)) return undefined;
    if (now - session.lastSeenAt > this.#idleMs) {
      await this.#store.deleteSession(sha256Hex(id));
      return undefined;
    }
    return { user: session.user.name, role: session.user.role, via: 'session', csrf: csrfOf(id) };
  };

  /**
   * A token reaches the API only (under /api/), with at most the viewer role: it reads, and a POST
   * with it is refused as a viewer's would be. The scheme's name is case-insensitive (RFC 9110).
   */
  async #bearer(request: IncomingMessage, authorization: string): Promise<Principal | undefined> {
    const match = /^Bearer +([A-Za-z0-9_-]{20,200})$/i.exec(authorization);
    const path = new URL(request.url ?? '/', 'http://x.invalid').pathname;
    if (!match || !path.startsWith('/api/')) return undefined;
    const token = await this.#store.useToken(sha256Hex(match[1]!), this.#now());
    if (!token || !isRole(token.role)) return undefined;
    return { user: `token:${token.name}`, role: ROLE_RANK[token.role] <= ROLE_RANK.viewer ? token.role : 'viewer', via: 'token', csrf: '' };
  }

  /** The reply for /login, /login/totp and /logout; undefined for any other path. */
  async route(request: IncomingMessage, url: URL): Promise<Reply | undefined> {
    const path = url.pathname;
    if (this.#oidc && (path === OIDC_START || path === OIDC_CALLBACK)) return this.#singleSignOn(request, url, this.#oidc);
    if (path !== '/login' && path !== '/login/totp' && path !== '/logout') return undefined;
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (path !== '/login') return methodNotAllowed('POST');
      return this.#loginPage(request, safeNext(url.searchParams.get('next')));
    }
    if (request.method !== 'POST') return methodNotAllowed(path === '/login' ? 'GET, HEAD, POST' : 'POST');
    // Signing someone in to the attacker's account, or out, from another site: refused before the form is read.
    if (crossOrigin(request)) return text(403, 'cross-origin request refused');
    const form = await readForm(request);
    if (typeof form === 'number') return text(form, form === 413 ? 'form too large' : 'expected application/x-www-form-urlencoded');
    if (path === '/login') return this.#password(request, form);
    if (path === '/login/totp') return this.#totp(request, form);
    return this.#logout(request, form);
  }

  async #loginPage(request: IncomingMessage, next: string): Promise<Reply> {
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = id ? await this.#store.session(sha256Hex(id), this.#now()) : undefined;
    if (session && !session.pendingTotp) return redirect(next);
    if (session && id) return page(200, { step: 'totp', csrf: csrfOf(id), next });
    return this.#passwordPage(200, next);
  }

  #passwordPage(status: number, next: string, error?: string, extraCookie?: string): Reply {
    const nonce = randomSecret();
    const cookies = [setCookie(LOGIN_COOKIE, nonce, LOGIN_NONCE_SECONDS), ...(extraCookie ? [extraCookie] : [])];
    return page(status, { step: 'password', csrf: csrfOf(nonce), next, ...(this.#oidc ? { sso: this.#oidc.name } : {}), ...(error ? { error } : {}) }, cookies);
  }

  /** GET /login/oidc (to the provider) and GET /login/oidc/callback (back from it). */
  async #singleSignOn(request: IncomingMessage, url: URL, oidc: OidcSignIn): Promise<Reply> {
    // The callback spends the provider's one-time code: GET only.
    if (request.method !== 'GET' && (request.method !== 'HEAD' || url.pathname !== OIDC_START)) return methodNotAllowed(url.pathname === OIDC_START ? 'GET, HEAD' : 'GET');
    if (url.pathname === OIDC_START) {
      const started = await oidc.start(safeNext(url.searchParams.get('next')));
      if (!started) return this.#passwordPage(502, safeNext(url.searchParams.get('next')), `${oidc.name} cannot be reached: try again later.`);
      return redirect(started.location, started.cookie);
    }
    const outcome = await oidc.finish(request, url);
    if (!outcome.user) return this.#passwordPage(outcome.refused?.status ?? 403, outcome.next, outcome.refused?.error, clearFlowCookie());
    return this.#signedIn(outcome.user.name, randomSecret(), this.#now(), outcome.next, 'oidc', clearFlowCookie());
  }

  async #password(request: IncomingMessage, form: URLSearchParams): Promise<Reply> {
    const next = safeNext(form.get('next'));
    const nonce = readCookie(request.headers.cookie, LOGIN_COOKIE);
    if (!nonce || !sameSecret(form.get('csrf') ?? '', csrfOf(nonce))) return text(403, 'the sign-in form expired or came from another site: load /login again');
    const name = (form.get('user') ?? '').trim().slice(0, 200);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const client = clientAddress(request, this.#proxies);
    const now = this.#now();
    const attempt = await this.#limiter.attempt(name, client, now);
    if (attempt.retryAfter > 0) return tooMany(attempt.retryAfter, { step: 'password', csrf: csrfOf(nonce), next, user: name, ...(this.#oidc ? { sso: this.#oidc.name } : {}) });
    const found = name ? await this.#store.user(name) : undefined;
    // A single sign-on user has no password: checked like an unknown one (same time, same answer).
    const user = found?.source === 'password' ? found : undefined;
    const ok = await this.#passwords.check(user?.passwordHash, password);
    if (!ok || !user) {
      // An unknown name is not logged: it is often a password typed in the wrong field.
      this.#log('warn', 'sign-in failed', { user: user ? name : '(unknown user)', client });
      return page(401, { step: 'password', csrf: csrfOf(nonce), next, user: name, error: 'Wrong user name or password.', ...(this.#oidc ? { sso: this.#oidc.name } : {}) });
    }
    const id = randomSecret();
    if (user.totpSecret) {
      await attempt.forget();
      await this.#store.createSession({ idHash: sha256Hex(id), user: user.name, pendingTotp: true, at: now, expiresAt: now + PENDING_MS });
      return redirect(`/login?next=${encodeURIComponent(next)}`, setCookie(SESSION_COOKIE, id, PENDING_MS / 1000));
    }
    await attempt.succeeded();
    return this.#signedIn(user.name, id, now, next);
  }

  async #totp(request: IncomingMessage, form: URLSearchParams): Promise<Reply> {
    const next = safeNext(form.get('next'));
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    const now = this.#now();
    const session = id ? await this.#store.session(sha256Hex(id), now) : undefined;
    if (!id || !session?.pendingTotp || !sameSecret(form.get('csrf') ?? '', csrfOf(id))) return text(403, 'the sign-in form expired or came from another site: load /login again');
    const name = session.user.name;
    const client = clientAddress(request, this.#proxies);
    const attempt = await this.#limiter.attempt(name, client, now);
    if (attempt.retryAfter > 0) return tooMany(attempt.retryAfter, { step: 'totp', csrf: csrfOf(id), next });
    const step = session.user.totpSecret ? acceptTotp(session.user.totpSecret, (form.get('code') ?? '').trim(), now) : undefined;
    // A code works once, on every process: the store keeps the step last accepted.
    if (step === undefined || !(await this.#store.useTotpStep(name, step))) {
      this.#log('warn', 'sign-in code refused', { user: name, client });
      return page(401, { step: 'totp', csrf: csrfOf(id), next, error: 'Wrong or already used code.' });
    }
    await attempt.succeeded();
    await this.#store.deleteSession(sha256Hex(id));
    return this.#signedIn(name, randomSecret(), now, next);
  }

  /** A new session id at every sign-in (no fixation). */
  async #signedIn(user: string, id: string, now: number, next: string, via: 'password' | 'oidc' = 'password', extraCookie?: string): Promise<Reply> {
    await this.#store.createSession({ idHash: sha256Hex(id), user, pendingTotp: false, at: now, expiresAt: now + this.#sessionMs });
    this.#log('info', 'signed in', { user, ...(via === 'oidc' ? { via } : {}) });
    return redirect(next, [setCookie(SESSION_COOKIE, id, Math.floor(this.#sessionMs / 1000)), ...(extraCookie ? [extraCookie] : [])]);
  }

  async #logout(request: IncomingMessage, form: URLSearchParams): Promise<Reply> {
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!id || !sameSecret(form.get('csrf') ?? '', csrfOf(id))) return text(403, 'sign out from the dashboard\'s form');
    await this.#store.deleteSession(sha256Hex(id));
    return redirect('/login', clearCookie(SESSION_COOKIE));
  }
}

function page(status: number, input: Parameters<typeof renderLoginPage>[0], cookie?: string | string[]): Reply {
  return { status, type: TYPES.html, body: renderLoginPage(input), maxAge: 0, ...(cookie ? { headers: { 'set-cookie': cookie } } : {}) };
}

function redirect(location: string, cookie?: string | string[]): Reply {
  return { status: 303, type: TYPES.text, body: `see ${location}\n`, maxAge: 0, headers: { location, ...(cookie ? { 'set-cookie': cookie } : {}) } };
}

/** The form again, saying how long to wait in words a person reads (Retry-After for the rest). */
function tooMany(seconds: number, form: Omit<Parameters<typeof renderLoginPage>[0], 'error'>): Reply {
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`;
  const reply = page(429, { ...form, error: `Too many failed sign-ins: try again in ${wait}.` });
  return { ...reply, headers: { ...reply.headers, 'retry-after': String(seconds) } };
}

function methodNotAllowed(allow: string): Reply {
  return { ...text(405, `only ${allow}`), headers: { allow } };
}
