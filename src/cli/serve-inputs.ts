import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { InputError } from '../errors.js';
import type { ServeOptions } from './serve-options.js';

export interface ServeTls {
  cert: string;
  key: string;
  ocsp?: () => Buffer | undefined;
}

/** --tls-cert and --tls-key read and checked as a pair before anything listens: each error names the option and file at fault. */
export function readTls(options: ServeOptions): ServeTls | undefined {
  if (!options.tlsCert && !options.tlsKey) {
    if (options.tlsOcsp) throw new InputError(['--tls-ocsp needs --tls-cert and --tls-key']);
    return undefined;
  }
  if (!options.tlsCert || !options.tlsKey) throw new InputError(['--tls-cert and --tls-key go together']);
  const tls = { cert: readText(options.tlsCert, '--tls-cert'), key: readText(options.tlsKey, '--tls-key') };
  const certificate = parseCertificate(tls.cert, options.tlsCert);
  const key = parseKey(tls.key, options.tlsKey);
  if (!certificate.checkPrivateKey(key))
    throw new InputError([`--tls-key ${options.tlsKey}: the key does not belong to the certificate in --tls-cert ${options.tlsCert}`]);
  try {
    createSecureContext(tls);
  } catch (error) {
    throw new InputError([`--tls-cert ${options.tlsCert} and --tls-key ${options.tlsKey} cannot serve TLS: ${(error as Error).message}`]);
  }
  return options.tlsOcsp ? { ...tls, ocsp: stapleFile(options.tlsOcsp) } : tls;
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([`${option} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`]);
  }
}

function parseCertificate(pem: string, file: string): X509Certificate {
  const swapped = !pem.includes('-----BEGIN CERTIFICATE-----') && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem);
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError([`--tls-cert ${file}: not a PEM certificate (no "BEGIN CERTIFICATE" block)${swapped ? '; it holds a private key: are --tls-cert and --tls-key swapped?' : ''}`]);
  try {
    return new X509Certificate(pem);
  } catch {
    throw new InputError([`--tls-cert ${file}: its first certificate cannot be read (a damaged PEM block?)`]);
  }
}

function parseKey(pem: string, file: string): KeyObject {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    const swapped = pem.includes('-----BEGIN CERTIFICATE-----');
    throw new InputError([`--tls-key ${file}: not a PEM private key (no "BEGIN … PRIVATE KEY" block)${swapped ? '; it holds a certificate: are --tls-cert and --tls-key swapped?' : ''}`]);
  }
  if (pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type: 4,ENCRYPTED/.test(pem))
    throw new InputError([`--tls-key ${file}: the key is encrypted with a passphrase; give harden serve an unencrypted key (openssl pkey -in ${file} -out key.pem)`]);
  try {
    return createPrivateKey(pem);
  } catch {
    throw new InputError([`--tls-key ${file}: the private key cannot be read (a damaged PEM block?)`]);
  }
}

/** The OCSP response file as it is now (re-read when it changes, as a cron job renews it); unreadable: nothing stapled. */
function stapleFile(file: string): () => Buffer | undefined {
  if (!statSync(file, { throwIfNoEntry: false })) throw new InputError([`--tls-ocsp ${file}: no such file`]);
  let seen = -1;
  let staple: Buffer | undefined;
  return () => {
    const now = modified(file);
    if (now !== seen) {
      seen = now;
      try {
        staple = readFileSync(file);
      } catch {
        staple = undefined;
      }
    }
    return staple;
  };
}

export function modified(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** --security-contact: RFC 9116 wants URIs (mailto:, https:, tel:); a bare e-mail address gets the mailto: it lacks suggested. */
export function securityContacts(values: readonly string[] | undefined): string[] | undefined {
  for (const value of values ?? []) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
    if (scheme === 'mailto' || scheme === 'tel' || (scheme === 'https' && URL.canParse(value))) continue;
    const hint = /^[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+$/.test(value) ? `; did you mean mailto:${value}?` : scheme === 'http' ? '; RFC 9116 asks for https:' : '';
    throw new InputError([`--security-contact ${value}: expected a URI (mailto:security@example.com, https://example.com/security)${hint}`]);
  }
  return values?.length ? [...values] : undefined;
}

/**
 * Why plain HTTP on this address keeps people from signing in, when it does: the session cookie is
 * `__Host-…; Secure`, which browsers keep only over HTTPS (or from 127.0.0.1 itself). Undefined on
 * loopback, with TLS, and behind an HTTPS --public-url (a proxy in front terminates TLS).
 */
export function plainHttpWarning(options: Pick<ServeOptions, 'listen' | 'publicUrl'>, tls: boolean): string | undefined {
  if (tls || options.publicUrl?.startsWith('https:')) return undefined;
  const host = options.listen.slice(0, options.listen.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))) return undefined;
  return `serving plain HTTP on ${options.listen}, beyond this machine: browsers elsewhere cannot sign in (the session cookie is Secure, kept over HTTPS only) and passwords would cross the network in clear; serve HTTPS with --tls-cert and --tls-key, or put a TLS proxy in front and listen on 127.0.0.1`;
}
