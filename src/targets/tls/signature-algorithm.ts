import { derElements, derOne, expectTag } from './der.js';

/** Signature algorithms by encoded OID: the broken ones (MD2, MD5, SHA-1) and the usual current ones. */
const ALGORITHMS: Record<string, { name: string; broken: boolean }> = {
  '2a864886f70d010102': { name: 'md2WithRSAEncryption', broken: true },
  '2a864886f70d010104': { name: 'md5WithRSAEncryption', broken: true },
  '2a864886f70d010105': { name: 'sha1WithRSAEncryption', broken: true },
  '2b0e03021d': { name: 'sha1WithRSASignature', broken: true },
  '2a8648ce3d0401': { name: 'ecdsa-with-SHA1', broken: true },
  '2a8648ce380403': { name: 'dsa-with-sha1', broken: true },
  '2a864886f70d01010a': { name: 'RSASSA-PSS', broken: false },
  '2a864886f70d01010b': { name: 'sha256WithRSAEncryption', broken: false },
  '2a864886f70d01010c': { name: 'sha384WithRSAEncryption', broken: false },
  '2a864886f70d01010d': { name: 'sha512WithRSAEncryption', broken: false },
  '2a8648ce3d040302': { name: 'ecdsa-with-SHA256', broken: false },
  '2a8648ce3d040303': { name: 'ecdsa-with-SHA384', broken: false },
  '2a8648ce3d040304': { name: 'ecdsa-with-SHA512', broken: false },
  '2b6570': { name: 'Ed25519', broken: false },
  '2b6571': { name: 'Ed448', broken: false },
};

/**
 * The algorithm the issuer signed a DER certificate with (its outer signatureAlgorithm), and
 * whether its hash is broken for signatures (MD2, MD5, SHA-1: chosen-prefix collisions).
 * An algorithm not listed is named by its OID and not called broken.
 */
export function signatureAlgorithm(der: Buffer): { name: string; broken: boolean } {
  const [, algorithm] = derElements(derOne(der, 0x30, 'Certificate').contents);
  const [oid] = derElements(expectTag(algorithm, 0x30, 'signatureAlgorithm').contents);
  const hex = expectTag(oid, 0x06, 'algorithm').contents.toString('hex');
  return ALGORITHMS[hex] ?? { name: `OID ${oidText(expectTag(oid, 0x06, 'algorithm').contents)}`, broken: false };
}

function oidText(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
