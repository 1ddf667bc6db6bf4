import { connect, type ConnectionOptions, type PeerCertificate, type SecureVersion } from 'node:tls';

export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  altNames: string[];
  validFrom: Date;
  validTo: Date;
  keyType: string | undefined;
  keyBits: number | undefined;
  selfSigned: boolean;
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
}

/** One TLS handshake; never sends application data. */
export function handshake(options: TlsEndpointOptions): Promise<TlsHandshake> {
  return new Promise((resolve, reject) => {
    let ocspStapled = false;
    const legacy = options.maxVersion === 'TLSv1' || options.maxVersion === 'TLSv1.1';
    // requestOCSP is a TLSSocket option tls.connect passes through; @types/node leaves it off ConnectionOptions.
    const socket = connect(<ConnectionOptions & { requestOCSP: boolean }>{
      host: options.host,
      port: options.port,
      servername: options.servername ?? (isIp(options.host) ? undefined : options.host),
      ...(options.ca?.length ? { ca: options.ca } : {}),
      // Verification is reported, not enforced: the check wants to see a bad chain, not fail on it.
      rejectUnauthorized: false,
      requestOCSP: true,
      ...(options.minVersion ? { minVersion: options.minVersion } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level even when asked for them.
      ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
      timeout: options.timeoutMs,
    });
    socket.on('OCSPResponse', (response) => {
      if (response?.length) ocspStapled = true;
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(false);
      resolve({
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        certificate: peer && Object.keys(peer).length > 0 ? describe(peer) : undefined,
        ocspStapled,
      });
      socket.end();
    });
    socket.once('timeout', () => socket.destroy(new Error(`TLS handshake with ${options.host}:${options.port} timed out after ${options.timeoutMs} ms`)));
    socket.once('error', reject);
  });
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
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
