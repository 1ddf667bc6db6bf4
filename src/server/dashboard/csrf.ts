import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { crossOrigin } from '../auth/origin.js';
import type { Principal } from '../auth/session.js';

/** The form field and header a session's CSRF token travels in. */
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Compared through their hashes: equal lengths, and no timing tells how much of a guess was right. */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * A state change by a session (cookies ride along with any cross-site request) carries the
 * session's CSRF token in the form or header (bearer tokens only read, and change nothing).
 * A browser's Sec-Fetch-Site and Origin, when sent, must say this server.
 */
export function csrfProblem(request: IncomingMessage, principal: Principal, fields: ReadonlyMap<string, string>): string | undefined {
  if (crossOrigin(request)) return 'cross-origin request refused';
  const header = request.headers[CSRF_HEADER];
  const sent = fields.get(CSRF_FIELD) ?? (typeof header === 'string' ? header : undefined);
  if (sent === undefined || principal.csrf === '' || !sameSecret(sent, principal.csrf)) return 'missing or wrong CSRF token';
  return undefined;
}
