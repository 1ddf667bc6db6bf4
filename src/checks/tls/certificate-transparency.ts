import { embeddedScts } from '../../targets/tls/sct.js';
import { defineCheck } from '../define.js';

export const certificateTransparency = defineCheck({
  id: 'tls/certificate-transparency',
  title: 'The certificate carries Certificate Transparency timestamps (SCTs)',
  severity: 'medium',
  target: 'tls-endpoint',
  why:
    'Chrome and Safari refuse a publicly trusted certificate that does not prove it was logged in public Certificate Transparency logs (Signed Certificate Timestamps, required since 2018), so such a site is down for most users; the logs are also how a domain owner learns that a CA issued a certificate for its names to someone else. Public CAs embed the SCTs in the certificate; a certificate without them was issued outside that system or by a CA that distrusts it. Reads the SCT list embedded in the served certificate (extension 1.3.6.1.4.1.11129.2.4.2): the count, log ids and times, not the log signatures. SCTs a server sends in the TLS signed_certificate_timestamp extension or in a stapled OCSP response are not read (rare: every public CA embeds them). A certificate whose chain leads to a CA given with --ca is private PKI, outside the CT policy: not applicable. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Serve the certificate exactly as the public CA issued it (ACME CAs such as Let\'s Encrypt embed SCTs): a certificate without SCTs was issued by a private CA or re-signed by a proxy; trust a private CA with --ca for internal services, or replace the certificate with one from a public CA.',
  refs: ['RFC 6962: Certificate Transparency (section 3.3, embedded SCTs)', 'RFC 9162: Certificate Transparency 2.0', 'Chrome Certificate Transparency policy', 'Apple Certificate Transparency policy', 'testssl.sh certificate_transparency'],
  messages: {
    noScts: '{endpoint}: the certificate carries no Certificate Transparency timestamps (SCTs)',
    malformedScts: '{endpoint}: the certificate\'s SCT list does not parse ({detail})',
  },
  claims: [{ about: 'Certificate Transparency', names: ['Certificate Transparency', 'SCT', 'SCTs', 'signed certificate timestamp*'] }],
  async evaluate(endpoint, ctx) {
    const result = await endpoint.handshake();
    const certificate = result.certificate;
    if (!certificate?.raw || result.privateCa) return ctx.notApplicable();
    const embedded = embeddedScts(certificate.raw);
    const evidence = `subject: ${certificate.subject || '(none)'}; issuer: ${certificate.issuer || '(none)'}`;
    if (embedded.state === 'absent') return ctx.fail(endpoint.location, 'noScts', { endpoint: endpoint.identity }, `${evidence}; no extension 1.3.6.1.4.1.11129.2.4.2`);
    if (embedded.state === 'malformed') return ctx.fail(endpoint.location, 'malformedScts', { endpoint: endpoint.identity, detail: embedded.detail }, evidence);
    ctx.computed({ scts: embedded.scts.length });
  },
});
