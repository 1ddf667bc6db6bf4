import { createPublicKey } from 'node:crypto';
import { parseTagList, tagValue } from './tag-list.js';

/** A DKIM key record at <selector>._domainkey.<domain> (RFC 6376 §3.6.1, Ed25519 by RFC 8463). */
export interface DkimKey {
  /** k=: rsa by default. */
  keyType: string;
  /** p= is empty: the key is revoked (RFC 6376 §3.6.1). */
  revoked: boolean;
  /** The RSA modulus length, or 256 for Ed25519; undefined when p= does not decode. */
  bits: number | undefined;
  /** t=y: the domain is testing DKIM, verifiers may treat failures as unsigned. */
  testing: boolean;
  errors: string[];
}

/** TXT strings that are DKIM key records: v=DKIM1 first, or a p= tag (v= is optional). */
export function isDkimKey(text: string): boolean {
  return /^\s*v\s*=\s*DKIM1\s*(;|$)/i.test(text) || /(^|;)\s*p\s*=/.test(text);
}

export function parseDkimKey(text: string): DkimKey {
  const list = parseTagList(text);
  const errors = [...list.errors];
  const version = tagValue(list, 'v');
  if (version !== undefined && (version !== 'DKIM1' || list.tags[0]?.name !== 'v')) errors.push('v= must be DKIM1 and come first');
  const keyType = (tagValue(list, 'k') ?? 'rsa').toLowerCase();
  const testing = (tagValue(list, 't') ?? '').split(':').some((flag) => flag.trim() === 'y');
  const p = tagValue(list, 'p');
  if (p === undefined) {
    errors.push('p= is missing');
    return { keyType, revoked: false, bits: undefined, testing, errors };
  }
  const base64 = p.replace(/\s+/g, '');
  if (base64 === '') return { keyType, revoked: true, bits: undefined, testing, errors };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    errors.push('p= is not base64');
    return { keyType, revoked: false, bits: undefined, testing, errors };
  }
  const bits = keyBits(keyType, Buffer.from(base64, 'base64'));
  if (bits === undefined) errors.push(keyType === 'rsa' || keyType === 'ed25519' ? `p= is not a valid ${keyType} public key` : `k=${keyType} is not rsa or ed25519`);
  return { keyType, revoked: false, bits, testing, errors };
}

function keyBits(keyType: string, der: Buffer): number | undefined {
  if (keyType === 'ed25519') return der.length === 32 ? 256 : undefined;
  if (keyType !== 'rsa') return undefined;
  // RFC 6376 publishes a SubjectPublicKeyInfo; some generators write a bare RSAPublicKey (PKCS#1), which verifiers also accept.
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return key.asymmetricKeyDetails?.modulusLength;
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}
