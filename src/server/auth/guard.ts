import type { IncomingMessage } from 'node:http';
import { json, text, type Reply } from '../responses.js';
import { sameSecret } from './secrets.js';
import { ROLE_RANK, type Authenticate, type Principal, type Role } from './session.js';

export type Guarded = { principal: Principal; reply?: undefined } | { principal?: undefined; reply: Reply };

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** Where /login sends the user back: a path on this server only (no //host, no scheme); the dashboard by default. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login') ? next : '/dashboard';
}

/**
 * A guard for a route that needs at least `role`: the principal, or the reply to send instead.
 * Pages: 303 to /login (coming back here after) without a principal, 403 with too low a role.
 * The API (/api/…): 401 JSON with WWW-Authenticate: Bearer, or 403 JSON.
 */
export function requireRole(role: Role, authenticate: Authenticate): (request: IncomingMessage) => Promise<Guarded> {
  return async (request) => {
    const principal = await authenticate(request);
    const path = new URL(request.url ?? '/', 'http://x.invalid').pathname;
    const api = isApi(path);
    if (!principal) {
      if (api) return { reply: { ...json({ error: 'sign in or send Authorization: Bearer <token>' }, 0, 401), headers: { 'www-authenticate': 'Bearer realm="harden"' } } };
      const next = safeNext(request.url);
      return { reply: { status: 303, type: 'text/plain; charset=utf-8', body: 'see /login\n', maxAge: 0, headers: { location: `/login?next=${encodeURIComponent(next)}` } } };
    }
    if (ROLE_RANK[principal.role] < ROLE_RANK[role]) return { reply: api ? json({ error: `needs the ${role} role` }, 0, 403) : text(403, `this page needs the ${role} role`) };
    return { principal };
  };
}

/** A POST form's CSRF token matches the principal's session (synchronizer token, constant-time). A token principal has none: refused. */
export function checkCsrf(principal: Principal, form: URLSearchParams): boolean {
  const sent = form.get('csrf');
  return principal.via === 'session' && principal.csrf !== '' && sent !== null && sameSecret(sent, principal.csrf);
}
