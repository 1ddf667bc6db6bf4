import { describe, expect, it } from 'vitest';
import { certificateEvidence, certificateProblem, daysToExpiry, weakKey } from './certificate.js';
import type { TlsCertificateInfo } from './handshake.js';

const certificate = (overrides: Partial<TlsCertificateInfo> = {}): TlsCertificateInfo => ({
  subject: 'shop.example.test',
  issuer: 'R11',
  altNames: ['shop.example.test', 'www.shop.example.test'],
  validFrom: new Date('2026-10-01T00:00:00Z'),
  validTo: new Date('2026-12-30T00:00:00Z'),
  keyType: 'EC',
  keyBits: 256,
  selfSigned: false,
  serial: '1A2B',
  raw: undefined,
  ...overrides,
});

describe('certificate interpretation', () => {
  it('names the cause of a failed verification', () => {
    expect(certificateProblem(true, undefined)).toBeUndefined();
    expect(certificateProblem(false, 'CERT_HAS_EXPIRED')).toBe('expired');
    expect(certificateProblem(false, 'CERT_NOT_YET_VALID')).toBe('notYetValid');
    expect(certificateProblem(false, 'DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('selfSigned');
    expect(certificateProblem(false, 'SELF_SIGNED_CERT_IN_CHAIN')).toBe('selfSigned');
    expect(certificateProblem(false, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')).toBe('untrusted');
    expect(certificateProblem(false, 'ERR_TLS_CERT_ALTNAME_INVALID')).toBe('hostMismatch');
    expect(certificateProblem(false, 'CERT_REVOKED')).toBe('invalid');
    expect(certificateProblem(false, undefined)).toBe('invalid');
  });

  it('counts whole days to expiry, negative once expired', () => {
    expect(daysToExpiry(certificate(), new Date('2026-11-30T11:00:00Z'))).toBe(29);
    expect(daysToExpiry(certificate(), new Date('2026-12-31T00:00:00Z'))).toBe(-1);
  });

  it('finds keys below RSA 2048 and EC 256', () => {
    expect(weakKey(certificate())).toBeUndefined();
    expect(weakKey(certificate({ keyBits: 224 }))).toEqual({ type: 'EC', bits: 224, minimum: 256 });
    expect(weakKey(certificate({ keyType: 'RSA', keyBits: 2048 }))).toBeUndefined();
    expect(weakKey(certificate({ keyType: 'RSA', keyBits: 1024 }))).toEqual({ type: 'RSA', bits: 1024, minimum: 2048 });
    expect(weakKey(certificate({ keyType: undefined, keyBits: undefined }))).toBeUndefined();
  });

  it('shows subject, issuer, validity, names and key', () => {
    expect(certificateEvidence(certificate())).toBe(
      'subject: shop.example.test; issuer: R11; valid: 2026-10-01T00:00:00.000Z to 2026-12-30T00:00:00.000Z; names: shop.example.test, www.shop.example.test; key: EC 256 bits',
    );
  });
});
