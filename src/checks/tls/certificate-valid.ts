import { certificateEvidence, certificateProblem, type CertificateProblem } from '../../targets/tls/certificate.js';
import { defineCheck } from '../define.js';

/** The message each cause of a failed verification reports. */
const MESSAGE_OF = {
  expired: 'expired',
  notYetValid: 'notYetValid',
  selfSigned: 'selfSigned',
  untrusted: 'untrusted',
  hostMismatch: 'hostMismatch',
  invalid: 'invalid',
} as const satisfies Record<CertificateProblem, string>;

export const certificateValid = defineCheck({
  id: 'tls/certificate-valid',
  title: 'The certificate chain is trusted, current and names the host',
  severity: 'critical',
  target: 'tls-endpoint',
  why:
    'Browsers and API clients refuse a certificate that is expired, not yet valid, self-signed, issued by an unknown CA or made out for another name; users are trained to click through the warning, and clients that disable verification to cope accept any man-in-the-middle. The site is either down for careful clients or open to interception for careless ones. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Serve a certificate from a publicly trusted CA that covers the host name, with the full intermediate chain (nginx `ssl_certificate` pointing at fullchain.pem), renewed automatically (ACME: cert-manager, Traefik certResolver, certbot with a renewal timer). Check the server clock when the certificate is "not yet valid".',
  refs: [
    'RFC 5280 section 6: certification path validation',
    'RFC 6960: OCSP (certStatus revoked)',
    'RFC 6125 / RFC 9525: service identity in TLS',
    'OWASP WSTG-CRYP-01: Testing for weak transport layer security',
    'testssl.sh cert_chain_of_trust, cert_trust, cert_expirationStatus',
  ],
  messages: {
    expired: '{endpoint}: the certificate expired on {date}',
    notYetValid: '{endpoint}: the certificate is not valid before {date}',
    selfSigned: '{endpoint}: the certificate is self-signed',
    untrusted: '{endpoint}: the certificate chain does not lead to a trusted CA ({error})',
    hostMismatch: '{endpoint}: the certificate is not valid for {host}',
    invalid: '{endpoint}: the certificate does not verify ({error})',
    revoked: '{endpoint}: the certificate was revoked on {date}, says the OCSP response the server staples',
  },
  claims: [
    {
      about: 'the certificate is trusted and names the host',
      names: [
        ['certificate*', 'trusted'],
        ['certificate*', 'untrusted'],
        ['certificate*', 'self-signed'],
        ['certificate*', 'chain'],
        ['certificate*', 'name mismatch'],
        ['certificate*', 'hostname'],
        ['certificate*', 'browser warning*'],
        ['TLS certificate*', 'valid'],
        ['SSL certificate*', 'valid'],
        ['cert*', 'expired'],
      ],
    },
  ],
  async evaluate(endpoint, ctx) {
    const result = await endpoint.handshake();
    const problem = certificateProblem(result.authorized, result.authorizationError);
    if (problem === undefined) {
      // A chain that verifies can still be revoked: the server's own stapled response says so.
      if (result.staple?.state === 'revoked') ctx.fail(endpoint.location, 'revoked', { endpoint: endpoint.identity, date: result.staple.revokedAt?.toISOString() ?? '?' }, `stapled OCSP response: ${result.staple.detail}`);
      return;
    }
    const certificate = result.certificate;
    const error = result.authorizationError ?? 'unknown error';
    const evidence = `${error}${certificate ? `; ${certificateEvidence(certificate)}` : ''}`;
    const date = (problem === 'notYetValid' ? certificate?.validFrom : certificate?.validTo)?.toISOString() ?? '?';
    ctx.fail(endpoint.location, MESSAGE_OF[problem], { endpoint: endpoint.identity, host: endpoint.servername, error, date }, evidence);
  },
});
