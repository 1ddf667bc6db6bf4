import { certificateProblem, type CertificateProblem } from '../../targets/tls/certificate.js';

/** A failure whose message is already the short, human reason a sample shows. */
export class ProbeError extends Error {}

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed (temporary DNS failure)',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
  EPROTO: 'TLS handshake failed',
};

const CERTIFICATE: Record<CertificateProblem, string> = {
  expired: 'certificate has expired',
  notYetValid: 'certificate is not yet valid',
  selfSigned: 'self-signed certificate',
  untrusted: 'certificate is not trusted',
  hostMismatch: 'certificate does not match the host name',
  invalid: 'invalid certificate',
};

/** Why a handshake that did not verify is a failure: "certificate has expired". */
export function certificateReason(authorizationError: string | undefined): string {
  const problem = certificateProblem(false, authorizationError) ?? 'invalid';
  return problem === 'invalid' && authorizationError ? `invalid certificate (${authorizationError})` : CERTIFICATE[problem];
}

/** The short reason for any error a probe met: its own words, or a known code's meaning. */
export function reasonOf(error: unknown): string {
  if (error instanceof ProbeError) return error.message;
  // Connecting to every address of a name fails as one AggregateError of the attempts.
  const cause = error instanceof AggregateError && error.errors.length ? (error.errors[0] as unknown) : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code && BY_CODE[code]) return BY_CODE[code];
  if (code?.startsWith('HPE_')) return 'invalid HTTP response';
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return `TLS handshake failed (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.length > 200 ? `${message.slice(0, 199)}…` : message;
}
