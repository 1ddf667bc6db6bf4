import type { TlsCertificateInfo } from './handshake.js';

/** Why a certificate chain does not verify, from the handshake's authorizationError. */
export type CertificateProblem = 'expired' | 'notYetValid' | 'selfSigned' | 'untrusted' | 'hostMismatch' | 'invalid';

/** OpenSSL verify results (as Node names them) and Node's host check, by cause. */
const PROBLEMS: Record<string, CertificateProblem> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_CHAIN_TOO_LONG: 'untrusted',
  INVALID_CA: 'untrusted',
  PATH_LENGTH_EXCEEDED: 'untrusted',
  // The issuer's name matches a trusted CA but its key did not sign this certificate.
  CERT_SIGNATURE_FAILURE: 'untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostMismatch',
};

/** The cause of a failed verification; undefined when the chain verified. */
export function certificateProblem(authorized: boolean, authorizationError: string | undefined): CertificateProblem | undefined {
  if (authorized) return undefined;
  return (authorizationError && PROBLEMS[authorizationError]) || 'invalid';
}

const DAY_MS = 86_400_000;

/** Whole days from `now` to the certificate's notAfter: negative once it has expired. */
export function daysToExpiry(certificate: TlsCertificateInfo, now: Date = new Date()): number {
  return Math.floor((certificate.validTo.getTime() - now.getTime()) / DAY_MS);
}

/** `2026-12-01` */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** What a TLS result shows about the certificate: subject, issuer, validity and names. */
export function certificateEvidence(certificate: TlsCertificateInfo): string {
  const parts = [
    `subject: ${certificate.subject || '(none)'}`,
    `issuer: ${certificate.issuer || '(none)'}`,
    `valid: ${certificate.validFrom.toISOString()} to ${certificate.validTo.toISOString()}`,
  ];
  if (certificate.altNames.length > 0) parts.push(`names: ${certificate.altNames.slice(0, 10).join(', ')}`);
  if (certificate.keyType) parts.push(`key: ${certificate.keyType} ${certificate.keyBits ?? '?'} bits`);
  return parts.join('; ');
}

/** Minimum public key sizes (NIST SP 800-57 Part 1 / 800-131A: 112-bit security through 2030). */
export const MINIMUM_KEY_BITS = { RSA: 2048, EC: 256 } as const;

/** The key's shortfall, when it is weaker than the minimum for its type. */
export function weakKey(certificate: TlsCertificateInfo): { type: keyof typeof MINIMUM_KEY_BITS; bits: number; minimum: number } | undefined {
  const type = certificate.keyType;
  if ((type !== 'RSA' && type !== 'EC') || certificate.keyBits === undefined) return undefined;
  const minimum = MINIMUM_KEY_BITS[type];
  return certificate.keyBits < minimum ? { type, bits: certificate.keyBits, minimum } : undefined;
}
