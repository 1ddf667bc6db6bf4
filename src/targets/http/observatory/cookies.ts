import { isDeletion, parseSetCookie, type SetCookie } from '../set-cookie.js';
import type { ObservedResponse } from './observed.js';
import { worse, type TestOutcome } from './outcome.js';
import type { Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const COOKIES_MODIFIERS = {
  'cookies-secure-with-httponly-sessions-and-samesite': 5,
  'cookies-secure-with-httponly-sessions': 0,
  'cookies-not-found': 0,
  'cookies-without-secure-flag-but-protected-by-hsts': -5,
  'cookies-session-without-secure-flag-but-protected-by-hsts': -10,
  'cookies-without-secure-flag': -20,
  'cookies-samesite-flag-invalid': -20,
  'cookies-anticsrf-without-samesite-flag': -20,
  'cookies-session-without-httponly-flag': -30,
  'cookies-session-without-secure-flag': -40,
} as const satisfies Record<string, number>;

export type CookiesResult = keyof typeof COOKIES_MODIFIERS;

const IGNORED_COOKIES = new Set(['heroku-session-affinity']);

/** Observatory's ranking: a later entry is worse and replaces an earlier result. */
const COOKIE_BADNESS: CookiesResult[] = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

/** The cookie jar after the chain: later cookies replace earlier ones; deletions and Secure cookies over http are not kept. */
function jarOf(chain: readonly ObservedResponse[]): SetCookie[] {
  const jar = new Map<string, SetCookie>();
  for (const response of chain) {
    for (const raw of response.headers.get('set-cookie') ?? []) {
      const cookie = parseSetCookie(raw);
      if (!cookie) continue;
      const key = `${cookie.name}\u0000${cookie.domain ?? ''}\u0000${cookie.path ?? ''}`;
      if (isDeletion(cookie) || (cookie.secure && response.url.protocol !== 'https:')) jar.delete(key);
      else jar.set(key, cookie);
    }
  }
  return [...jar.values()].filter((cookie) => cookie.name && !IGNORED_COOKIES.has(cookie.name));
}

/** SameSite as a cookie jar stores it: strict, lax or none, anything else means absent. */
function storedSameSite(cookie: SetCookie): string | undefined {
  return cookie.sameSite === 'strict' || cookie.sameSite === 'lax' || cookie.sameSite === 'none' ? cookie.sameSite : undefined;
}

export function cookiesTest(reading: Reading, hstsPasses: boolean): TestOutcome<CookiesResult> {
  let result: CookiesResult | undefined;
  for (const raw of reading.page?.headers.get('set-cookie') ?? []) {
    const attributes = raw.split(';').slice(1).map((a) => a.trim().split('='));
    const sameSiteInvalid = attributes.some(([key, value]) => key?.trim().toLowerCase() === 'samesite' && (!value || !['lax', 'strict', 'none'].includes(value.trim().toLowerCase())));
    if (sameSiteInvalid) result = worse(result, 'cookies-samesite-flag-invalid', COOKIE_BADNESS);
  }
  const cookies = jarOf(reading.chain);
  if (cookies.length === 0) return { result: 'cookies-not-found', pass: true };
  let missingSameSite = false;
  for (const cookie of cookies) {
    const name = cookie.name.toLowerCase();
    const session = name.includes('login') || name.includes('sess');
    const antiCsrf = name.includes('csrf');
    const sameSite = storedSameSite(cookie);
    if (!cookie.secure && sameSite === 'none') result = worse(result, 'cookies-samesite-flag-invalid', COOKIE_BADNESS);
    if (!cookie.secure) result = worse(result, hstsPasses ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag', COOKIE_BADNESS);
    if (antiCsrf && !sameSite) result = worse(result, 'cookies-anticsrf-without-samesite-flag', COOKIE_BADNESS);
    if (session && !cookie.secure) result = worse(result, hstsPasses ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag', COOKIE_BADNESS);
    if (session && !cookie.httpOnly) result = worse(result, 'cookies-session-without-httponly-flag', COOKIE_BADNESS);
    if (!sameSite) missingSameSite = true;
  }
  result ??= missingSameSite ? 'cookies-secure-with-httponly-sessions' : 'cookies-secure-with-httponly-sessions-and-samesite';
  return { result, pass: result === 'cookies-secure-with-httponly-sessions' || result === 'cookies-secure-with-httponly-sessions-and-samesite' };
}
