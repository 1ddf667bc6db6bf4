import { z } from 'zod';
import { isNullMx } from '../../targets/dns/mail-receiving.js';
import { smtpStartTls, tlsaMatches, type TlsaRecord } from '../../targets/net/smtp-starttls.js';
import { defineCheck } from '../define.js';

export const mxStarttls = defineCheck({
  id: 'dns/mx-starttls',
  title: 'Each MX host offers STARTTLS with a certificate valid for its name, matching its TLSA records',
  severity: 'high',
  target: 'domain',
  why:
    'Mail between servers is encrypted only when the receiving MX host offers STARTTLS (RFC 3207); without it mail to the domain ' +
    'travels in clear. Senders that require TLS (MTA-STS) also need a certificate valid for the MX name; DANE senders (RFC 7672) ' +
    'need the certificate to match the TLSA records at _25._tcp.<mx> when they are published, and refuse to deliver otherwise. ' +
    'The check opens one SMTP session to each MX host of the plan\'s domains (EHLO, STARTTLS, the handshake, QUIT; no mail is sent), ' +
    'like the internet.nl mail test. A certificate that fails PKIX validation is not reported when a DANE-EE TLSA record ' +
    '(usage 3) matches it: DANE senders then ignore names and issuers (RFC 7672 §3.1.1). Many networks block outgoing port 25: an ' +
    'unreachable MX host is an error, not a failure.',
  fix:
    'Enable STARTTLS on every MX host with a certificate for its MX name from a public CA (or publish DANE TLSA records in a ' +
    'DNSSEC-signed zone: `_25._tcp.mx.example.com. TLSA 3 1 1 <sha256 of the public key>`), and update the TLSA records before ' +
    'each key change.',
  refs: ['RFC 3207 (SMTP STARTTLS)', 'RFC 7672 (SMTP security via DANE) §3.1', 'RFC 6698 (TLSA) §2.1', 'RFC 8461 §4.2 (MTA-STS certificate validation)', 'Internet.nl mail test (STARTTLS, DANE)'],
  messages: {
    mxUnresolved: 'MX host {mx} of {domain} has no address: mail cannot be delivered there',
    noStarttls: 'MX host {mx} of {domain} does not offer STARTTLS: mail to it travels in clear',
    starttlsRefused: 'MX host {mx} of {domain} advertises STARTTLS but answers it with "{reply}": mail travels in clear',
    handshakeFailed: 'MX host {mx} of {domain}: the TLS handshake after STARTTLS fails ({error}): mail travels in clear or bounces',
    certificateInvalid: { text: 'MX host {mx} of {domain} presents a certificate not valid for its name ({error}): senders requiring TLS (MTA-STS) refuse it', severity: 'medium' },
    tlsaMismatch: 'no TLSA record at _25._tcp.{mx} matches the certificate MX host {mx} presents: DANE senders do not deliver mail to {domain} there',
  },
  claims: [
    { about: 'STARTTLS', names: ['STARTTLS', ['SMTP', 'TLS', 'MX'], ['DANE', 'TLSA'], ['DANE', 'SMTP'], ['mail server', 'TLS certificate']], unless: [['MTA-STS', 'policy']] },
  ],
  options: z
    .object({
      /** The SMTP port of the MX hosts: 25 (senders use no other); tests serve it elsewhere. */
      port: z.number().int().min(1).max(65535).default(25),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    const mx = await domain.dns.mx(domain.name);
    if (mx.length === 0 || isNullMx(mx)) {
      ctx.notApplicable();
      return;
    }
    const measured: string[] = [];
    for (const host of [...new Set([...mx].sort((a, b) => a.priority - b.priority).map((record) => record.exchange.toLowerCase()))]) {
      const data = { mx: host, domain: domain.name };
      const at = { kind: 'host' as const, host, port: options.port };
      const [address] = [...(await domain.dns.a(host)), ...(await domain.dns.aaaa(host))];
      if (!address) {
        ctx.fail({ kind: 'dns', name: host, type: 'A' }, 'mxUnresolved', data);
        continue;
      }
      const session = await smtpStartTls({ address, port: options.port, servername: host, timeoutMs: domain.timeoutMs, ...(domain.ca ? { ca: domain.ca } : {}) });
      if (!session.offered) ctx.fail(at, 'noStarttls', data);
      else if (session.refused) ctx.fail(at, 'starttlsRefused', { ...data, reply: session.refused });
      else if (!session.tls) ctx.fail(at, 'handshakeFailed', { ...data, error: session.tlsError ?? 'no handshake' });
      if (!session.tls) continue;
      const tlsa = await domain.dns.raw(`_25._tcp.${host}`, 'TLSA');
      const records = tlsa.answers.map((answer) => answer.data as TlsaRecord);
      const matching = records.filter((record) => tlsaMatches(record, session.tls!.chain));
      if (records.length > 0 && matching.length === 0) ctx.fail({ kind: 'dns', name: `_25._tcp.${host}`, type: 'TLSA' }, 'tlsaMismatch', data);
      const daneEe = matching.some((record) => record.usage === 3);
      if (!session.tls.authorized && !daneEe) ctx.fail(at, 'certificateInvalid', { ...data, error: session.tls.authorizationError ?? 'not trusted' });
      measured.push(`${host}: ${session.tls.protocol ?? 'TLS'}${records.length ? `, TLSA ${matching.length}/${records.length} matching` : ''}`);
    }
    ctx.measured(measured.join('; '));
  },
});
