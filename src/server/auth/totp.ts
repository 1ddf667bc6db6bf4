import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totpOf(user: string, secret: string, issuer: string): TOTP {
  return new TOTP({ issuer, label: user, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A new 160-bit TOTP secret (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(user: string, secret: string, issuer = 'harden'): string {
  return totpOf(user, secret, issuer).toString();
}

/** The current code (tests, and nothing else). */
export function totpCode(secret: string, at: number): string {
  return totpOf('x', secret, 'harden').generate({ timestamp: at });
}

/**
 * The 30-second step of a 6-digit code of the current step or the one either side, or undefined. That a step is
 * used once, on every serve process, is the store's part (AuthStore.useTotpStep, a conditional update).
 */
export function acceptTotp(secret: string, code: string, at: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf('x', secret, 'harden').validate({ token: code, timestamp: at, window: 1 });
  return delta === null ? undefined : Math.floor(at / 1000 / PERIOD) + delta;
}
