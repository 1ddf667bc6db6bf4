import { certificateEvidence, weakKey } from '../../targets/tls/certificate.js';
import { defineCheck } from '../define.js';

export const keyStrength = defineCheck({
  id: 'tls/key-strength',
  title: 'The certificate key is at least RSA 2048 or EC 256 bits',
  severity: 'high',
  target: 'tls-endpoint',
  why:
    'A short public key can be factored or its discrete log computed with enough compute: RSA 1024 gives about 80 bits of security, below the 112-bit floor NIST set from 2014, and publicly trusted CAs stopped issuing such certificates long ago. A weak key means the certificate is private PKI or ancient, and that past and future traffic is easier to break. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Issue a new certificate on a new key of at least RSA 2048 (3072 for use past 2030) or, better, ECDSA P-256: `openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 …`, cert-manager `privateKey: { algorithm: ECDSA, size: 256, rotationPolicy: Always }`, certbot `--key-type ecdsa`.',
  refs: [
    'NIST SP 800-57 Part 1 Rev. 5, table 2 (112-bit security: RSA 2048, EC 224+)',
    'NIST SP 800-131A Rev. 2',
    'CA/Browser Forum Baseline Requirements 6.1.5 (RSA ≥ 2048, ECDSA P-256/P-384/P-521)',
    'Mozilla Server Side TLS guidelines (certificate type)',
    'testssl.sh cert_keySize',
  ],
  messages: {
    weakKey: '{endpoint}: the certificate has an {type} key of {bits} bits (minimum {minimum})',
  },
  claims: [
    {
      about: 'certificate key at least RSA 2048 or EC 256',
      names: [
        ['RSA', '2048'],
        ['RSA', '1024'],
        ['weak key*', 'certificate*'],
        ['weak key*', 'TLS'],
        ['key size', 'certificate*'],
        ['key size', 'TLS'],
        ['key length', 'certificate*'],
        ['key strength', 'certificate*'],
        ['key strength', 'TLS'],
      ],
    },
  ],
  async evaluate(endpoint, ctx) {
    const { certificate } = await endpoint.handshake();
    if (!certificate) return ctx.notApplicable();
    if (certificate.keyType !== undefined && certificate.keyBits !== undefined) ctx.computed({ keyType: certificate.keyType, keyBits: certificate.keyBits });
    const weak = weakKey(certificate);
    if (weak) ctx.fail(endpoint.location, 'weakKey', { endpoint: endpoint.identity, ...weak }, certificateEvidence(certificate));
  },
});
