import { defineCheck } from '../define.js';

export const ocspStapling = defineCheck({
  id: 'tls/ocsp-stapling',
  title: 'The server staples an OCSP response',
  severity: 'info',
  target: 'tls-endpoint',
  why:
    'Without stapling, a client that checks revocation must ask the CA\'s OCSP responder itself, which leaks the sites it visits to the CA and adds a round trip; most browsers therefore skip the check, so a revoked certificate keeps working. Stapling lets the server hand over a fresh signed status in the handshake. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Turn stapling on where the CA still runs OCSP: nginx `ssl_stapling on; ssl_stapling_verify on; resolver …;`, Apache `SSLUseStapling on` with `SSLStaplingCache`, HAProxy `ocsp-update on`. Certificates from CAs that have retired OCSP (Let\'s Encrypt since 2025, relying on CRLs) cannot be stapled: waive this check for them.',
  refs: ['RFC 6066 section 8: Certificate Status Request', 'RFC 6961 / RFC 8446 section 4.4.2.1: OCSP stapling', 'Mozilla Server Side TLS guidelines (OCSP stapling)', 'testssl.sh OCSP_stapling', 'Internet.nl ocsp_stapling'],
  messages: {
    notStapled: '{endpoint} does not staple an OCSP response',
  },
  claims: [{ about: 'OCSP stapling', names: ['OCSP', 'ssl_stapling', 'stapling'] }],
  async evaluate(endpoint, ctx) {
    const result = await endpoint.handshake();
    if (!result.ocspStapled) ctx.fail(endpoint.location, 'notStapled', { endpoint: endpoint.identity }, `issuer: ${result.certificate?.issuer || '(none)'}`);
  },
});
