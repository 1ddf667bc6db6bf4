import { derElements, derOne, expectTag } from './der.js';

/** 1.3.6.1.4.1.11129.2.4.2, the embedded SCT list extension (RFC 6962 section 3.3), as DER OID contents. */
const SCT_LIST_OID = '2b06010401d679020402';

/** One Signed Certificate Timestamp, as far as its fixed header (RFC 6962 section 3.2). */
export interface Sct {
  version: number;
  /** The log's key hash (hex): which CT log signed it. */
  logId: string;
  timestamp: Date;
}

export type EmbeddedScts =
  | { state: 'absent' }
  | { state: 'present'; scts: Sct[] }
  /** The extension is there but its SignedCertificateTimestampList does not parse. */
  | { state: 'malformed'; detail: string };

/** The SCTs embedded in a DER certificate's extension 1.3.6.1.4.1.11129.2.4.2; signatures are not verified. */
export function embeddedScts(certificate: Buffer): EmbeddedScts {
  const value = extensionValue(certificate, SCT_LIST_OID);
  if (!value) return { state: 'absent' };
  try {
    // extnValue is an OCTET STRING holding an OCTET STRING holding the TLS-encoded list.
    return { state: 'present', scts: sctList(derOne(value, 0x04, 'SignedCertificateTimestampList').contents) };
  } catch (error) {
    return { state: 'malformed', detail: (error as Error).message };
  }
}

/** The extnValue contents of the extension with this OID, undefined when the certificate has none. */
function extensionValue(certificate: Buffer, oidHex: string): Buffer | undefined {
  const [tbs] = derElements(derOne(certificate, 0x30, 'Certificate').contents);
  const wrapped = derElements(expectTag(tbs, 0x30, 'tbsCertificate').contents).find((element) => element.tag === 0xa3);
  if (!wrapped) return undefined;
  for (const extension of derElements(derOne(wrapped.contents, 0x30, 'Extensions').contents)) {
    const [oid, ...rest] = derElements(expectTag(extension, 0x30, 'Extension').contents);
    if (expectTag(oid, 0x06, 'extnID').contents.toString('hex') !== oidHex) continue;
    return expectTag(rest.at(-1), 0x04, 'extnValue').contents;
  }
  return undefined;
}

/** opaque SerializedSCT<1..2^16-1>, in a list with a two-byte length (RFC 6962 section 3.3). */
export function sctList(bytes: Buffer): Sct[] {
  if (bytes.length < 2 || bytes.readUInt16BE(0) !== bytes.length - 2) throw new Error('SCT list: its length does not match its contents');
  const scts: Sct[] = [];
  let offset = 2;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length) throw new Error('SCT list: truncated entry length');
    const length = bytes.readUInt16BE(offset);
    const sct = bytes.subarray(offset + 2, offset + 2 + length);
    // version (1) + log id (32) + timestamp (8) + extensions length (2), before the extensions and signature.
    if (sct.length !== length || length < 43) throw new Error(`SCT list: entry ${scts.length + 1} is truncated`);
    scts.push({ version: sct[0]!, logId: sct.subarray(1, 33).toString('hex'), timestamp: new Date(Number(sct.readBigUInt64BE(33))) });
    offset += 2 + length;
  }
  if (scts.length === 0) throw new Error('SCT list: empty');
  return scts;
}
