import type { IncomingMessage } from 'node:http';
import * as client from 'openid-client';
import type { AuthStore } from '../../store/auth.js';
import type { OidcConfig } from '../../status/serve-schema.js';
import { clearCookie, OIDC_COOKIE, readCookie, setCookie } from './cookies.js';
import { safeNext } from './guard.js';
import { ROLE_RANK, ROLES, type Role } from './session.js';

export interface OidcOptions {
  config: OidcConfig;
  /** The resolved client secret; none: a public client (PKCE only). */
  clientSecret?: string;
  /** This server's public origin (https://status.example.com), without a trailing slash: the redirect URI is under it. */
  publicUrl: () => string;
  /** Tests only: a provider on http://127.0.0.1. */
  allowInsecureRequests?: boolean;
}

/** Signs the user in (a session like a password sign-in), or shows the sign-in page with an error (status, text). */
export interface OidcOutcome {
  user?: { name: string; role: Role };
  refused?: { status: number; error: string };
  next: string;
}

export const OIDC_START = '/login/oidc';
export const OIDC_CALLBACK = '/login/oidc/callback';

/** Long enough to sign in at the provider, short enough that a stolen cookie soon means nothing. */
const FLOW_SECONDS = 10 * 60;

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * OpenID Connect sign-in: /login/oidc redirects to the provider (authorization code + PKCE,
 * state and nonce kept in a short-lived __Host- cookie); /login/oidc/callback has openid-client
 * check the response (issuer, audience, signature, state, nonce, PKCE), maps the role claim to a
 * role and records the user. Tokens are used once here and never stored or logged.
 */
export class OidcSignIn {
  readonly #options: OidcOptions;
  readonly #store: AuthStore;
  readonly #log: Log;
  readonly #now: () => number;
  #discovered: Promise<client.Configuration> | undefined;

  constructor(options: OidcOptions, store: AuthStore, log: Log, now: () => number) {
    this.#options = options;
    this.#store = store;
    this.#log = log;
    this.#now = now;
  }

  get name(): string {
    return this.#options.config.name;
  }

  get redirectUri(): string {
    return `${this.#options.publicUrl()}${OIDC_CALLBACK}`;
  }

  /** The provider's metadata, read once (again after a failure). */
  #configuration(): Promise<client.Configuration> {
    const { config, clientSecret, allowInsecureRequests } = this.#options;
    this.#discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, undefined, clientSecret === undefined ? client.None() : client.ClientSecretBasic(clientSecret), {
        timeout: 10,
        ...(allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.#discovered = undefined;
        throw error;
      });
    return this.#discovered;
  }

  /** The redirect to the provider and the cookie holding the flow's secrets; undefined when the provider cannot be reached. */
  async start(next: string): Promise<{ location: string; cookie: string } | undefined> {
    let configuration: client.Configuration;
    try {
      configuration = await this.#configuration();
    } catch (error) {
      this.#log('error', 'single sign-on: the provider cannot be reached', { issuer: this.#options.config.issuer, error: messageOf(error) });
      return undefined;
    }
    const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next: safeNext(next) };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.#options.config.scopes.join(' '),
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { location: url.href, cookie: setCookie(OIDC_COOKIE, encodeFlow(flow), FLOW_SECONDS) };
  }

  /** The provider's answer at the callback URL (`url` as requested). */
  async finish(request: IncomingMessage, url: URL): Promise<OidcOutcome> {
    const flow = decodeFlow(readCookie(request.headers.cookie, OIDC_COOKIE));
    if (!flow) return { refused: { status: 400, error: 'The single sign-on expired or was started elsewhere: sign in again.' }, next: '/' };
    const { next } = flow;
    const providerError = url.searchParams.get('error');
    if (providerError !== null) {
      // Anyone can link here with ?error=…: only an error code (RFC 6749 §4.1.2.1) is shown or logged, never free text.
      const code = /^[a-z_]{1,40}$/.test(providerError) ? providerError : 'unknown error';
      this.#log('warn', 'single sign-on refused by the provider', { error: code });
      return { refused: { status: 403, error: `${this.name} did not sign you in (${code}).` }, next };
    }
    let claims: Record<string, unknown>;
    try {
      const configuration = await this.#configuration();
      const callback = new URL(`${this.redirectUri}${url.search}`);
      const tokens = await client.authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = { ...idClaims };
      const { claim } = this.#options.config.roles;
      if (!(claim in claims) || !(this.#options.config.userClaim in claims)) {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims, ...(claim in info ? { [claim]: info[claim] } : {}) };
      }
    } catch (error) {
      this.#log('warn', 'single sign-on failed', { error: messageOf(error) });
      return { refused: { status: 403, error: 'The single sign-on response could not be verified: sign in again.' }, next };
    }
    const name = userNameOf(claims, this.#options.config.userClaim);
    const groups = valuesOf(claims[this.#options.config.roles.claim]);
    const role = roleOf(groups, this.#options.config.roles);
    if (!role) {
      // Groups taken away at the provider: the user's sessions here end too.
      const ended = (await this.#store.user(name))?.source === 'oidc' ? await this.#store.revokeSessions(name) : 0;
      this.#log('warn', 'single sign-on refused: no role for these groups', { user: name, claim: this.#options.config.roles.claim, groups: groups.slice(0, 20), sessionsEnded: ended });
      return { refused: { status: 403, error: `You are signed in at ${this.name}, but none of your groups has a role in harden. Ask an administrator.` }, next };
    }
    if (!(await this.#store.ssoUser({ name, role, source: 'oidc', at: this.#now() }))) {
      this.#log('warn', 'single sign-on refused: the name belongs to a password user', { user: name });
      return { refused: { status: 403, error: `The name ${name} belongs to a user who signs in with a password here.` }, next };
    }
    return { user: { name, role }, next };
  }
}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

function encodeFlow(flow: Flow): string {
  return Buffer.from(JSON.stringify(flow)).toString('base64url');
}

function decodeFlow(value: string | undefined): Flow | undefined {
  if (!value || value.length > 4096) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flow>;
    const { state, nonce, verifier, next } = flow;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string' || typeof next !== 'string') return undefined;
    return { state, nonce, verifier, next: safeNext(next) };
  } catch {
    return undefined;
  }
}

export function clearFlowCookie(): string {
  return clearCookie(OIDC_COOKIE);
}

/** The highest role whose list names one of the values ("*": anyone the provider signed in). */
export function roleOf(values: readonly string[], roles: OidcConfig['roles']): Role | undefined {
  const granted = [...ROLES].filter((role) => roles[role].some((group) => group === '*' || values.includes(group)));
  return granted.sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0];
}

function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((value): value is string => typeof value === 'string') : [];
}

/** The configured claim when it is a plain printable name (an email not verified does not count), else the subject. */
function userNameOf(claims: Record<string, unknown>, userClaim: string): string {
  const value = claims[userClaim];
  const unverified = userClaim === 'email' && claims.email_verified === false;
  if (typeof value === 'string' && /^[\x21-\x7e]{1,200}$/.test(value) && !unverified) return value;
  return `oidc:${String(claims.sub).slice(0, 200)}`;
}

/** An error's message and code, never a token: openid-client's messages name claims and checks, not values of tokens. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}`.slice(0, 300);
}
