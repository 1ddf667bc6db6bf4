import { parseOcspResponse } from './ocsp-response.js';

/** What a stapled OCSP response says about the certificate it came with. */
export type StapleState = 'good' | 'revoked' | 'unknown' | 'expired' | 'otherCertificate' | 'unsuccessful' | 'unreadable';

export interface StapleVerdict {
  state: StapleState;
  /** What the response says, for evidence: status, dates. */
  detail: string;
  revokedAt?: Date;
}

/** Serial numbers as Node and OpenSSL print them: hex, upper case, no leading zeros. */
export function normalSerial(serial: string): string {
  return serial.replace(/:/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

/**
 * Reads a stapled OCSP response for the leaf with `serial`: its status for that certificate
 * and whether it is still current (nextUpdate not passed). The responder's signature is not checked.
 */
export function stapleVerdict(der: Buffer, serial: string | undefined, now: Date = new Date()): StapleVerdict {
  let response;
  try {
    response = parseOcspResponse(der);
  } catch (error) {
    return { state: 'unreadable', detail: `not an OCSP response (${(error as Error).message})` };
  }
  if (response.responseStatus !== 'successful') return { state: 'unsuccessful', detail: `responseStatus ${response.responseStatus}` };
  const single = serial === undefined ? response.responses[0] : response.responses.find((r) => r.serial === normalSerial(serial));
  if (!single) return { state: 'otherCertificate', detail: `responses for serial ${response.responses.map((r) => r.serial).join(', ') || '(none)'}, not ${serial}` };
  const window = `thisUpdate ${single.thisUpdate.toISOString()}${single.nextUpdate ? `, nextUpdate ${single.nextUpdate.toISOString()}` : ''}`;
  if (single.certStatus === 'revoked') return { state: 'revoked', detail: `certStatus revoked at ${single.revokedAt?.toISOString() ?? '?'}; ${window}`, ...(single.revokedAt ? { revokedAt: single.revokedAt } : {}) };
  if (single.certStatus === 'unknown') return { state: 'unknown', detail: `certStatus unknown; ${window}` };
  if (single.nextUpdate && single.nextUpdate < now) return { state: 'expired', detail: `certStatus good, but out of date; ${window}` };
  return { state: 'good', detail: `certStatus good; ${window}` };
}
