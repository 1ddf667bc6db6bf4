import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { selfSignedCertificate } from '../testing/local-ca.js';
import { plainHttpWarning, readTls, securityContacts } from './serve-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-serve-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function inputError(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.lines;
    throw error;
  }
  throw new Error('expected an input error');
}

describe('--tls-cert and --tls-key', () => {
  let cert: string;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    const one = await selfSignedCertificate();
    const two = await selfSignedCertificate();
    cert = file('cert.pem', one.cert);
    key = file('key.pem', one.key);
    otherKey = file('other-key.pem', two.key);
  });
  const tls = (tlsCert: string, tlsKey: string) => readTls({ listen: '127.0.0.1:0', monitor: false, statsEvery: '60s', tlsCert, tlsKey });

  it('a certificate and its key are read', () => {
    expect(tls(cert, key)).toMatchObject({ cert: expect.stringContaining('BEGIN CERTIFICATE') as string, key: expect.stringContaining('PRIVATE KEY') as string });
  });

  it('a key of another certificate, swapped files and a file that is not PEM are refused naming the option and file', () => {
    expect(inputError(() => tls(cert, otherKey))).toEqual([`--tls-key ${otherKey}: the key does not belong to the certificate in --tls-cert ${cert}`]);
    expect(inputError(() => tls(key, cert))).toEqual([`--tls-cert ${key}: not a PEM certificate (no "BEGIN CERTIFICATE" block); it holds a private key: are --tls-cert and --tls-key swapped?`]);
    expect(inputError(() => tls(cert, cert))).toEqual([`--tls-key ${cert}: not a PEM private key (no "BEGIN … PRIVATE KEY" block); it holds a certificate: are --tls-cert and --tls-key swapped?`]);
    const text = file('notes.txt', 'hello\n');
    expect(inputError(() => tls(text, key))).toEqual([`--tls-cert ${text}: not a PEM certificate (no "BEGIN CERTIFICATE" block)`]);
  });
});

describe('--security-contact', () => {
  it('takes mailto:, https: and tel: URIs', () => {
    expect(securityContacts(['mailto:security@example.com', 'https://example.com/security', 'tel:+1-201-555-0123'])).toHaveLength(3);
    expect(securityContacts(undefined)).toBeUndefined();
  });

  it('refuses what is not a URI, suggesting mailto: for an e-mail address', () => {
    expect(inputError(() => securityContacts(['security@example.com']))).toEqual([
      '--security-contact security@example.com: expected a URI (mailto:security@example.com, https://example.com/security); did you mean mailto:security@example.com?',
    ]);
    expect(inputError(() => securityContacts(['http://example.com/security']))).toEqual([
      '--security-contact http://example.com/security: expected a URI (mailto:security@example.com, https://example.com/security); RFC 9116 asks for https:',
    ]);
  });
});

describe('plain HTTP beyond this machine', () => {
  it('is warned about on every address but loopback, unless TLS is served here or in front (an https: --public-url)', () => {
    for (const listen of ['0.0.0.0:8080', '[::]:8084', '10.0.0.5:8080', 'status.example.com:80'])
      expect(plainHttpWarning({ listen }, false), listen).toMatch(/^serving plain HTTP on .*: browsers elsewhere cannot sign in .* --tls-cert and --tls-key, or put a TLS proxy in front and listen on 127\.0\.0\.1$/);
    for (const listen of ['127.0.0.1:8080', '127.0.1.1:80', '[::1]:8080', 'localhost:8080']) expect(plainHttpWarning({ listen }, false), listen).toBeUndefined();
    expect(plainHttpWarning({ listen: '0.0.0.0:8443' }, true)).toBeUndefined();
    expect(plainHttpWarning({ listen: '10.0.0.5:8080', publicUrl: 'https://status.example.com' }, false)).toBeUndefined();
  });
});
