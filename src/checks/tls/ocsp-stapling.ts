import type { StapleState } from '../../targets/tls/staple.js';
import { defineCheck } from '../define.js';

const STAPLE_REASONS: Record<Exclude<StapleState, 'good'>, string> = {
  revoked: 'it says the certificate is revoked',
  unknown: 'the responder does not know the certificate',
  expired: 'it is out of date (nextUpdate has passed)',
  otherCertificate: 'it is about another certificate',
  unsuccessful: 'the responder answered with an error status',
  unreadable: 'it is not a readable OCSP response',
};

export const ocspStapling = defineCheck({
  id: 'tls/ocsp-stapling',
  title: 'The server staples an OCSP response',
  severity: 'info',
  target: 'tls-endpoint',
  why:
    'Without stapling, a client that checks revocation must ask the CA\'s OCSP responder itself, which leaks the sites it visits to the CA and adds a round trip; most browsers therefore skip the check, so a revoked certificate keeps working. Stapling lets the server hand over a fresh signed status in the handshake; a staple that says revoked, unknown or out of date, or is about another certificate, makes clients that enforce it (Must-Staple) refuse the site. The status and dates of the response are read; its signature is not verified. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Turn stapling on where the CA still runs OCSP: nginx `ssl_stapling on; ssl_stapling_verify on; resolver …;`, Apache `SSLUseStapling on` with `SSLStaplingCache`, HAProxy `ocsp-update on`. Certificates from CAs that have retired OCSP (Let\'s Encrypt since 2025, relying on CRLs) cannot be stapled: waive this check for them.',
  refs: ['RFC 6066 section 8: Certificate Status Request',
    'RFC 6960: OCSP', 'RFC 6961 / RFC 8446 section 4.4.2.1: OCSP stapling', 'Mozilla Server Side TLS guidelines (OCSP stapling)', 'testssl.sh OCSP_stapling', 'Internet.nl ocsp_stapling'],
  messages: {
    notStapled: '{endpoint} does not staple an OCSP response',
    badStaple: '{endpoint} staples an OCSP response that does not vouch for its certificate: {reason}',
  },
  claims: [{ about: 'OCSP stapling', names: ['OCSP', 'ssl_stapling', 'stapling'] }],
  async evaluate(endpoint, ctx) {
    const result = await endpoint.handshake();
    if (!result.ocspStapled) return ctx.fail(endpoint.location, 'notStapled', { endpoint: endpoint.identity }, `issuer: ${result.certificate?.issuer || '(none)'}`);
    const staple = result.staple;
    if (staple && staple.state !== 'good') ctx.fail(endpoint.location, 'badStaple', { endpoint: endpoint.identity, reason: STAPLE_REASONS[staple.state] }, staple.detail);
  },
});
