import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: session ids, login nonces, the body of API tokens. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How a high-entropy secret (session id, API token) is kept at rest: SHA-256, hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The CSRF token of a session (or of a login nonce): derived from its secret value, so it is tied to it and never stored. */
export function csrfOf(secret: string): string {
  return createHash('sha256').update(`harden csrf\0${secret}`).digest('base64url');
}

/** Constant-time string comparison (both sides hashed first, so lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
