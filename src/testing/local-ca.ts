import { generate } from 'selfsigned';

export interface IssuedCertificate {
  key: string;
  cert: string;
}

export interface LocalCa {
  /** The CA certificate (PEM): trust it with --ca or LiveConfig.ca. */
  cert: string;
  /** The CA's private key (PEM), to sign what a test needs beside certificates (OCSP responses). */
  key: string;
  /** `purpose: 'clientAuth'` issues a leaf a server must not use (its extended key usage omits serverAuth). */
  issue(options?: { hosts?: string[]; ips?: string[]; notBefore?: Date; notAfter?: Date; keyType?: 'rsa' | 'ec'; keySize?: number; purpose?: 'serverAuth' | 'clientAuth' }): Promise<IssuedCertificate>;
}

const DAY = 86_400_000;

/** A throwaway certificate authority for tests: valid, expired and wrong-host certificates on demand. */
export async function createLocalCa(): Promise<LocalCa> {
  const ca = await generate([{ name: 'commonName', value: 'harden test CA' }], {
    algorithm: 'sha256',
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(Date.now() - DAY),
    notAfterDate: new Date(Date.now() + 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return {
    cert: ca.cert,
    key: ca.private,
    async issue({ hosts = ['localhost'], ips = ['127.0.0.1'], notBefore, notAfter, keyType = 'ec', keySize, purpose = 'serverAuth' } = {}) {
      const leaf = await generate([{ name: 'commonName', value: hosts[0] ?? ips[0] ?? 'localhost' }], {
        algorithm: 'sha256',
        keyType,
        ...(keyType === 'ec' ? { curve: 'P-256' as const } : { keySize: keySize ?? 2048 }),
        notBeforeDate: notBefore ?? new Date(Date.now() - DAY),
        notAfterDate: notAfter ?? new Date(Date.now() + 90 * DAY),
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', [purpose]: true },
          { name: 'subjectAltName', altNames: [...hosts.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
        ],
      });
      return { key: leaf.private, cert: leaf.cert };
    },
  };
}

/**
 * A certificate signed by its own key, outside any CA: for self-signed and weak-key
 * cases (selfsigned signs a leaf with the CA's key type, so an EC CA cannot issue RSA leaves).
 */
export async function selfSignedCertificate({ hosts = ['localhost'], ips = ['127.0.0.1'], keyType = 'ec', keySize }: { hosts?: string[]; ips?: string[]; keyType?: 'rsa' | 'ec'; keySize?: number } = {}): Promise<IssuedCertificate> {
  const pair = await generate([{ name: 'commonName', value: hosts[0] ?? ips[0] ?? 'localhost' }], {
    algorithm: 'sha256',
    keyType,
    ...(keyType === 'ec' ? { curve: 'P-256' as const } : { keySize: keySize ?? 2048 }),
    notBeforeDate: new Date(Date.now() - DAY),
    notAfterDate: new Date(Date.now() + 90 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...hosts.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { key: pair.private, cert: pair.cert };
}
