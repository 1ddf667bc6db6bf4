import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { RrsigData } from './raw-query.js';

/**
 * The DNSSEC chain from a zone's parent to its keys, checked locally: which DNSKEY each DS
 * names (key tag, RFC 4034 appendix B; digest over owner name + DNSKEY RDATA, §5.1.4), and
 * whether the DNSKEY RRset's RRSIG made by such a key is within its validity window and
 * verifies (RFC 4034 §3.1.8.1, §6 canonical form) with node:crypto.
 */
export interface DnskeyData {
  flags: number;
  algorithm: number;
  key: Buffer;
}

export interface DsData {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Buffer;
}

/** Algorithms whose signatures are verified here (RFC 8624 MUST/RECOMMENDED for validation). */
export const VERIFIED_ALGORITHMS: Record<number, string> = { 5: 'RSASHA1', 7: 'RSASHA1-NSEC3-SHA1', 8: 'RSASHA256', 10: 'RSASHA512', 13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519' };
const SIGNATURE_HASHES: Record<number, string | undefined> = { 5: 'sha1', 7: 'sha1', 8: 'sha256', 10: 'sha512', 13: 'sha256', 14: 'sha384', 15: undefined };
const DIGESTS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

export function nameWire(name: string): Buffer {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])), Buffer.from([0])]);
}

export function dnskeyRdata(key: DnskeyData): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(key.flags);
  head.writeUInt8(3, 2);
  head.writeUInt8(key.algorithm, 3);
  return Buffer.concat([head, key.key]);
}

/** RFC 4034 appendix B. */
export function keyTag(key: DnskeyData): number {
  const rdata = dnskeyRdata(key);
  let sum = 0;
  for (let i = 0; i < rdata.length; i++) sum += i & 1 ? rdata[i]! : rdata[i]! << 8;
  sum += (sum >> 16) & 0xffff;
  return sum & 0xffff;
}

export type DsMatch = { ds: DsData; key?: DnskeyData; problem?: string };

/** Each DS against the zone's DNSKEYs: the key it names, or why none. */
export function matchDs(zone: string, dsRecords: DsData[], keys: DnskeyData[]): DsMatch[] {
  return dsRecords.map((ds) => {
    const hash = DIGESTS[ds.digestType];
    if (!hash) return { ds, problem: `digest type ${ds.digestType} is not one harden checks (1 SHA-1, 2 SHA-256, 4 SHA-384)` };
    const tagged = keys.filter((key) => keyTag(key) === ds.keyTag && key.algorithm === ds.algorithm);
    if (tagged.length === 0) return { ds, problem: `no DNSKEY has key tag ${ds.keyTag} and algorithm ${ds.algorithm}` };
    const key = tagged.find((candidate) => createHash(hash).update(nameWire(zone)).update(dnskeyRdata(candidate)).digest().equals(ds.digest));
    return key ? { ds, key } : { ds, problem: `its digest matches no DNSKEY with key tag ${ds.keyTag}` };
  });
}

/** The data an RRSIG signs: its RDATA without the signature, then the RRset in canonical form and order. */
function signedData(zone: string, sig: RrsigData, keys: DnskeyData[]): Buffer {
  const head = Buffer.alloc(18);
  head.writeUInt16BE(48, 0); // type covered: DNSKEY
  head.writeUInt8(sig.algorithm, 2);
  head.writeUInt8(sig.labels, 3);
  head.writeUInt32BE(sig.originalTTL, 4);
  head.writeUInt32BE(sig.expiration >>> 0, 8);
  head.writeUInt32BE(sig.inception >>> 0, 12);
  head.writeUInt16BE(sig.keyTag, 16);
  const owner = nameWire(zone);
  const records = keys
    .map(dnskeyRdata)
    .sort(Buffer.compare)
    .map((rdata) => {
      const fixed = Buffer.alloc(10);
      fixed.writeUInt16BE(48, 0);
      fixed.writeUInt16BE(1, 2); // class IN
      fixed.writeUInt32BE(sig.originalTTL, 4);
      fixed.writeUInt16BE(rdata.length, 8);
      return Buffer.concat([owner, fixed, rdata]);
    });
  return Buffer.concat([head, nameWire(sig.signersName), ...records]);
}

function publicKey(key: DnskeyData): KeyObject | undefined {
  const b64 = (bytes: Buffer) => bytes.toString('base64url');
  switch (key.algorithm) {
    case 5:
    case 7:
    case 8:
    case 10: {
      const long = key.key[0] === 0;
      const length = long ? key.key.readUInt16BE(1) : key.key[0]!;
      const start = long ? 3 : 1;
      return createPublicKey({ key: { kty: 'RSA', e: b64(key.key.subarray(start, start + length)), n: b64(key.key.subarray(start + length)) }, format: 'jwk' });
    }
    case 13:
    case 14: {
      const half = key.key.length / 2;
      return createPublicKey({ key: { kty: 'EC', crv: key.algorithm === 13 ? 'P-256' : 'P-384', x: b64(key.key.subarray(0, half)), y: b64(key.key.subarray(half)) }, format: 'jwk' });
    }
    case 15:
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64(key.key) }, format: 'jwk' });
    default:
      return undefined;
  }
}

export type SignatureCheck = { ok: true; how: 'verified' | 'window' } | { ok: false; problem: string };

/**
 * The DNSKEY RRset's signatures made by one of `signers` (the keys a DS names): one must be
 * within its validity window and, for the algorithms in VERIFIED_ALGORITHMS, verify.
 */
export function checkKeySignatures(zone: string, keys: DnskeyData[], signatures: RrsigData[], signers: DnskeyData[], now = Date.now()): SignatureCheck {
  const seconds = Math.floor(now / 1000);
  const problems: string[] = [];
  for (const signer of signers) {
    const tag = keyTag(signer);
    for (const sig of signatures.filter((s) => s.keyTag === tag && s.algorithm === signer.algorithm)) {
      if (serialBefore(seconds, sig.inception)) {
        problems.push(`the RRSIG by key ${tag} is not valid before ${isoDate(sig.inception)}`);
        continue;
      }
      if (serialBefore(sig.expiration, seconds)) {
        problems.push(`the RRSIG by key ${tag} expired ${isoDate(sig.expiration)}`);
        continue;
      }
      let key: KeyObject | undefined;
      try {
        key = publicKey(signer);
      } catch {
        problems.push(`DNSKEY ${tag} is not a valid ${VERIFIED_ALGORITHMS[signer.algorithm] ?? `algorithm ${signer.algorithm}`} public key`);
        continue;
      }
      if (!key) return { ok: true, how: 'window' };
      const hash = SIGNATURE_HASHES[signer.algorithm] ?? null;
      const data = signedData(zone, sig, keys);
      const valid = signer.algorithm === 13 || signer.algorithm === 14 ? verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig.signature) : verify(hash, data, key, sig.signature);
      if (valid) return { ok: true, how: 'verified' };
      problems.push(`the RRSIG by key ${tag} does not verify`);
    }
  }
  if (problems.length === 0) return { ok: false, problem: `no RRSIG over the DNSKEY records is made by a key the DS names (${signers.map(keyTag).join(', ')})` };
  return { ok: false, problem: problems.join('; ') };
}

/** RFC 4034 §3.1.5: times are serial numbers (RFC 1982), compared modulo 2^32. */
function serialBefore(a: number, b: number): boolean {
  const diff = ((b >>> 0) - (a >>> 0) + 0x100000000) % 0x100000000;
  return diff !== 0 && diff < 0x80000000;
}

function isoDate(seconds: number): string {
  return new Date((seconds >>> 0) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
