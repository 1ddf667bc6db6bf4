import { signatureAlgorithm } from '../../targets/tls/signature-algorithm.js';
import { defineCheck } from '../define.js';

export const certificateSignature = defineCheck({
  id: 'tls/certificate-signature',
  title: 'The certificate is not signed with SHA-1 or MD5',
  severity: 'high',
  target: 'tls-endpoint',
  why:
    'A signature over an MD5 or SHA-1 hash can be forged with a chosen-prefix collision (a rogue CA certificate was made this way with MD5 in 2008, SHA-1 fell in 2020 for about 45,000 USD), so the certificate proves little; browsers reject such certificates and publicly trusted CAs stopped issuing them in 2016. One still served means private PKI or an ancient certificate. Reads the signature algorithm of the certificate the server presents (the leaf). Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Reissue the certificate with a SHA-256 (or stronger) signature: with a private CA `openssl x509 -req -sha256 …` or `openssl ca -md sha256`, cert-manager and ACME CAs do so by default; replace any intermediate signed with SHA-1 as well.',
  refs: ['CA/Browser Forum Baseline Requirements 7.1.3 (no SHA-1 since 2016)', 'RFC 6151 (MD5), RFC 9155 (SHA-1 deprecated in TLS 1.2 signatures)', 'SHAttered / SHA-1 is a Shambles (chosen-prefix collision, 2020)', 'testssl.sh cert_signatureAlgorithm'],
  messages: {
    weakSignature: '{endpoint}: the certificate is signed with {algorithm}',
  },
  claims: [
    {
      about: 'certificate signature algorithm',
      names: [['SHA-1', 'certificate*'], ['SHA1', 'certificate*'], ['MD5', 'certificate*'], 'signature algorithm', 'sha1WithRSAEncryption'],
    },
  ],
  async evaluate(endpoint, ctx) {
    const { certificate } = await endpoint.handshake();
    if (!certificate?.raw) return ctx.notApplicable();
    const algorithm = signatureAlgorithm(certificate.raw);
    ctx.computed({ signatureAlgorithm: algorithm.name });
    if (algorithm.broken) ctx.fail(endpoint.location, 'weakSignature', { endpoint: endpoint.identity, algorithm: algorithm.name }, `subject: ${certificate.subject || '(none)'}; issuer: ${certificate.issuer || '(none)'}`);
  },
});
