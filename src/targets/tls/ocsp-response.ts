import { derElements, derOne, expectTag, generalizedTime, smallInteger, type DerElement } from './der.js';

/** RFC 6960 section 4.2.1 OCSPResponseStatus values. */
const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', 'unused', 'sigRequired', 'unauthorized'] as const;
export type OcspResponseStatus = (typeof RESPONSE_STATUS)[number] | 'unknownStatus';
export type OcspCertStatus = 'good' | 'revoked' | 'unknown';

/** One SingleResponse: the status of one certificate, by serial number (hex, upper case, no leading zeros). */
export interface OcspSingleResponse {
  serial: string;
  certStatus: OcspCertStatus;
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface OcspResponse {
  responseStatus: OcspResponseStatus;
  /** Empty unless responseStatus is successful. */
  responses: OcspSingleResponse[];
}

const SEQUENCE = 0x30;
const ENUMERATED = 0x0a;
const OCTET_STRING = 0x04;
const INTEGER = 0x02;
/** id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1, encoded. */
const ID_PKIX_OCSP_BASIC = '2b0601050507300101';

/**
 * Reads the fields of a DER OCSPResponse (RFC 6960 section 4.2.1) a stapling check needs:
 * the response status and, per certificate, its status and validity window. The signature is
 * not verified. Throws when the bytes are not an OCSP response.
 */
export function parseOcspResponse(der: Buffer): OcspResponse {
  const [status, bytes] = derElements(derOne(der, SEQUENCE, 'OCSPResponse').contents);
  const responseStatus = RESPONSE_STATUS[smallInteger(expectTag(status, ENUMERATED, 'responseStatus'))] ?? 'unknownStatus';
  if (responseStatus !== 'successful') return { responseStatus, responses: [] };
  const [type, response] = derElements(derOne(expectTag(bytes, 0xa0, 'responseBytes').contents, SEQUENCE, 'ResponseBytes').contents);
  if (expectTag(type, 0x06, 'responseType').contents.toString('hex') !== ID_PKIX_OCSP_BASIC) throw new Error('OCSP: not a basic OCSP response');
  const [basic] = derElements(expectTag(response, OCTET_STRING, 'response').contents);
  const [tbs] = derElements(expectTag(basic, SEQUENCE, 'BasicOCSPResponse').contents);
  const fields = derElements(expectTag(tbs, SEQUENCE, 'ResponseData').contents);
  // version [0] is optional; then responderID [1]/[2], producedAt, responses.
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  const responses = derElements(expectTag(rest[2], SEQUENCE, 'responses').contents).map(singleResponse);
  return { responseStatus, responses };
}

function singleResponse(element: DerElement): OcspSingleResponse {
  const [certId, status, thisUpdate, ...optional] = derElements(expectTag(element, SEQUENCE, 'SingleResponse').contents);
  const serial = derElements(expectTag(certId, SEQUENCE, 'CertID').contents)[3];
  const result: OcspSingleResponse = {
    serial: expectTag(serial, INTEGER, 'serialNumber').contents.toString('hex').toUpperCase().replace(/^0+(?=.)/, ''),
    certStatus: 'unknown',
    thisUpdate: generalizedTime(expectTag(thisUpdate, 0x18, 'thisUpdate')),
  };
  if (status?.tag === 0x80) result.certStatus = 'good';
  else if (status?.tag === 0xa1) {
    result.certStatus = 'revoked';
    result.revokedAt = generalizedTime(expectTag(derElements(status.contents)[0], 0x18, 'revocationTime'));
  } else expectTag(status, 0x82, 'certStatus');
  const next = optional.find((field) => field.tag === 0xa0);
  if (next) result.nextUpdate = generalizedTime(derOne(next.contents, 0x18, 'nextUpdate'));
  return result;
}
