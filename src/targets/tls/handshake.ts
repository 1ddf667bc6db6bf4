import { X509Certificate } from 'node:crypto';
import { connect, rootCertificates, type ConnectionOptions, type DetailedPeerCertificate, type PeerCertificate, type SecureVersion } from 'node:tls';
import { pemCertificates } from './ca-file.js';
import { stapleVerdict, type StapleVerdict } from './staple.js';
import { trustedWith } from './trust.js';

export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  altNames: string[];
  validFrom: Date;
  validTo: Date;
  keyType: string | undefined;
  keyBits: number | undefined;
  selfSigned: boolean;
  /** Hex, as OpenSSL prints it. */
  serial: string | undefined;
  /** The certificate as DER, for what Node does not decode (its signature algorithm). */
  raw: Buffer | undefined;
}

export interface TlsHandshake {
  /** Negotiated protocol, e.g. TLSv1.3. */
  protocol: string | null;
  /** The chain verified against the trusted CAs and the host name. */
  authorized: boolean;
  authorizationError: string | undefined;
  certificate: TlsCertificateInfo | undefined;
  /** The server stapled an OCSP response. */
  ocspStapled: boolean;
  /** What the stapled response says, when there is one. */
  staple?: StapleVerdict;
  /** The default handshake was refused, and this one allowed TLS 1.0/1.1 and legacy suites to see the server at all. */
  legacyFallback?: boolean;
  /** The chain verified and leads to a CA the run was given (--ca): a private PKI, not a public CA. */
  privateCa: boolean;
}

export interface TlsEndpointOptions {
  host: string;
  port: number;
  /** SNI and the name the certificate must match; defaults to host. */
  servername?: string;
  ca?: string[];
  timeoutMs: number;
  /** Pin the protocol range, to learn which versions the server accepts. */
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** An OpenSSL cipher list for TLS 1.2 and below (the legacy retry uses DEFAULT@SECLEVEL=0). */
  ciphers?: string;
}

/** The TLS 1.0 to 1.2 settings that let a handshake reach a server offering only legacy versions or suites. */
const LEGACY = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;

/**
 * One TLS handshake; never sends application data. Without a pinned version or cipher list,
 * a refused default handshake is retried once allowing TLS 1.0/1.1 and legacy suites, so the
 * certificate of a legacy-only server is still inspected (the protocol checks report the versions).
 */
export async function handshake(options: TlsEndpointOptions): Promise<TlsHandshake> {
  if (options.minVersion || options.maxVersion || options.ciphers) return handshakeOnce(options);
  try {
    return await handshakeOnce(options);
  } catch (error) {
    if (!isNegotiationFailure(error)) throw error;
    return { ...(await handshakeOnce({ ...options, ...LEGACY })), legacyFallback: true };
  }
}

/**
 * A handshake failure that means "this version is not offered": the server (or our
 * OpenSSL) declined during negotiation, or the server hung up on a hello it would not
 * take. Connection-level failures (refused, unreachable, timeout) are not an answer.
 */
export function isNegotiationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('ERR_SSL_')) return true;
  if (code === 'ECONNRESET' || code === 'EPIPE') return true;
  if (error.message.includes('SSL routines')) return true;
  // The peer closed before the handshake completed, as some stacks do on an unsupported version.
  return /socket disconnected before secure TLS connection was established/i.test(error.message);
}

function handshakeOnce(options: TlsEndpointOptions): Promise<TlsHandshake> {
  return new Promise((resolve, reject) => {
    let stapled: Buffer | undefined;
    const legacy = options.minVersion === 'TLSv1' || options.minVersion === 'TLSv1.1' || options.maxVersion === 'TLSv1' || options.maxVersion === 'TLSv1.1';
    // requestOCSP is a TLSSocket option tls.connect passes through; @types/node leaves it off ConnectionOptions.
    const socket = connect(<ConnectionOptions & { requestOCSP: boolean }>{
      host: options.host,
      port: options.port,
      servername: options.servername ?? (isIp(options.host) ? undefined : options.host),
      ...(options.ca?.length ? { ca: trustedWith(options.ca) } : {}),
      // Verification is reported, not enforced: the check wants to see a bad chain, not fail on it.
      rejectUnauthorized: false,
      requestOCSP: true,
      ...(options.minVersion ? { minVersion: options.minVersion } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level even when asked for them.
      ...(options.ciphers ? { ciphers: options.ciphers } : legacy ? { ciphers: LEGACY.ciphers } : {}),
      // Inspect a server with a small DH group rather than refuse it (Node refuses below 1024 bits by default).
      minDHSize: 1,
      timeout: options.timeoutMs,
    });
    socket.on('OCSPResponse', (response) => {
      if (response?.length) stapled = response;
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      const certificate = peer && Object.keys(peer).length > 0 ? describe(peer) : undefined;
      resolve({
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        certificate,
        ocspStapled: stapled !== undefined,
        privateCa: socket.authorized && certificate !== undefined && leadsTo(peer, options.ca ?? []),
        ...(stapled ? { staple: stapleVerdict(stapled, certificate?.serial) } : {}),
      });
      socket.end();
    });
    socket.once('timeout', () => socket.destroy(new Error(`TLS handshake with ${options.host}:${options.port} timed out after ${options.timeoutMs} ms`)));
    socket.once('error', reject);
  });
}

let publicRoots: Set<string> | undefined;

/**
 * Whether a certificate of the presented chain is, or was issued by, one of the given CA
 * certificates (PEM texts, each possibly a bundle) other than Node's public roots.
 */
function leadsTo(leaf: DetailedPeerCertificate, cas: readonly string[]): boolean {
  if (cas.length === 0) return false;
  publicRoots ??= new Set(rootCertificates.map((pem) => new X509Certificate(pem).fingerprint256));
  const roots = publicRoots;
  const authorities = cas.flatMap(pemCertificates).map((pem) => new X509Certificate(pem)).filter((ca) => !roots.has(ca.fingerprint256));
  const seen = new Set<string>();
  for (let peer: DetailedPeerCertificate | undefined = leaf; peer?.raw && !seen.has(peer.fingerprint256); peer = peer.issuerCertificate) {
    seen.add(peer.fingerprint256);
    const certificate = new X509Certificate(peer.raw);
    if (authorities.some((ca) => ca.fingerprint256 === certificate.fingerprint256 || (certificate.checkIssued(ca) && certificate.verify(ca.publicKey)))) return true;
  }
  return false;
}

function describe(peer: PeerCertificate): TlsCertificateInfo {
  const altNames = (peer.subjectaltname ?? '')
    .split(',')
    .map((name) => name.trim().replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  return {
    subject: first(peer.subject?.CN) ?? '',
    issuer: first(peer.issuer?.CN) ?? first(peer.issuer?.O) ?? '',
    altNames,
    validFrom: new Date(peer.valid_from),
    validTo: new Date(peer.valid_to),
    keyType: peer.asn1Curve ? 'EC' : peer.bits ? 'RSA' : undefined,
    keyBits: peer.bits,
    selfSigned: JSON.stringify(peer.subject) === JSON.stringify(peer.issuer),
    serial: peer.serialNumber || undefined,
    raw: peer.raw,
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
