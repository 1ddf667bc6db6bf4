export const SESSION_COOKIE = '__Host-harden-session';
/** The nonce a login form's CSRF token is derived from, before there is a session. */
export const LOGIN_COOKIE = '__Host-harden-login';
/** A single sign-on in progress: its state, nonce and PKCE verifier, until the provider sends the user back. */
export const OIDC_COOKIE = '__Host-harden-oidc';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * A `__Host-` cookie: Secure, Path=/, no Domain, HttpOnly, SameSite=Lax. Always Secure, also
 * when serving plain HTTP: browsers keep Secure cookies from http://localhost and 127.0.0.1
 * (potentially trustworthy origins) and behind a TLS-terminating proxy the browser sees HTTPS;
 * on plain HTTP to any other host the browser drops it and nobody can sign in, which is meant.
 */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

export function clearCookie(name: string): string {
  return setCookie(name, '', 0);
}
