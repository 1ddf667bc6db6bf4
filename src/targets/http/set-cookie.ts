import type { HttpHeaders } from './client.js';

/** One Set-Cookie header, its attributes as sent (RFC 6265 §5.2, names case-insensitive). */
export interface SetCookie {
  name: string;
  value: string;
  /** The header as received, for evidence. */
  raw: string;
  secure: boolean;
  httpOnly: boolean;
  /** The SameSite attribute's value as sent (lower-case), '' when present without a value, undefined when absent. */
  sameSite: string | undefined;
  /** Domain attribute (leading dot removed), undefined when absent (a host-only cookie). */
  domain: string | undefined;
  path: string | undefined;
  /** Max-Age in seconds when present and numeric. */
  maxAge: number | undefined;
  expires: Date | undefined;
}

export function parseSetCookie(raw: string): SetCookie | undefined {
  const [pair = '', ...attributes] = raw.split(';');
  const equals = pair.indexOf('=');
  const name = (equals === -1 ? '' : pair.slice(0, equals)).trim();
  const value = (equals === -1 ? pair : pair.slice(equals + 1)).trim();
  if (!name && !value) return undefined;
  const cookie: SetCookie = { name, value, raw, secure: false, httpOnly: false, sameSite: undefined, domain: undefined, path: undefined, maxAge: undefined, expires: undefined };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at === -1 ? '' : attribute.slice(at + 1).trim();
    switch (key) {
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite':
        cookie.sameSite = val.toLowerCase();
        break;
      case 'domain':
        cookie.domain = val.replace(/^\./, '').toLowerCase() || undefined;
        break;
      case 'path':
        cookie.path = val;
        break;
      case 'max-age':
        if (/^-?\d+$/.test(val)) cookie.maxAge = Number(val);
        break;
      case 'expires': {
        const date = new Date(val);
        if (!Number.isNaN(date.getTime())) cookie.expires = date;
        break;
      }
    }
  }
  return cookie;
}

/** Every Set-Cookie of a response, parsed. */
export function setCookies(headers: HttpHeaders): SetCookie[] {
  return (headers.get('set-cookie') ?? []).flatMap((raw) => parseSetCookie(raw) ?? []);
}

/** A cookie that deletes itself (Max-Age ≤ 0 or Expires in the past): nothing is stored. */
export function isDeletion(cookie: SetCookie, now = Date.now()): boolean {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0;
  return cookie.expires !== undefined && cookie.expires.getTime() <= now;
}

/** Names that look like a session or login token: the cookies an attacker wants (Observatory's heuristic plus common frameworks). */
export function looksLikeSession(name: string): boolean {
  return /sess|login|auth|token|jwt|^sid$|^connect\.sid$|remember/i.test(name);
}
