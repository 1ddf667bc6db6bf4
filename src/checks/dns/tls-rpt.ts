import { isTlsRpt, parseTlsRpt } from '../../targets/dns/mail-tls.js';
import { defineCheck } from '../define.js';

export const tlsRpt = defineCheck({
  id: 'dns/tls-rpt',
  title: 'A domain that receives mail asks senders for TLS failure reports (TLS-RPT)',
  severity: 'info',
  target: 'domain',
  why:
    'Without SMTP TLS reporting, nobody learns that senders cannot negotiate TLS with the MX hosts (expired certificate, broken ' +
    'MTA-STS or DANE policy, a downgrade attack) until mail is lost. TLS-RPT asks sending servers to mail or post daily reports. The ' +
    'check applies to domains with MX records; a null MX (`MX 0 .`, RFC 7505) says the domain receives no mail: it passes.',
  fix: 'Publish `_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com"` (mailto: or https: destinations, comma-separated).',
  refs: ['RFC 8460 (SMTP TLS Reporting) §3', 'checkdmarc SMTP TLS reporting checks'],
  messages: {
    missing: '{domain} receives mail (MX) but publishes no TLS-RPT record at _smtp._tls.{domain}',
    multiple: '_smtp._tls.{domain} has {count} TLS-RPT records: senders ignore them all',
    invalid: 'TLS-RPT record at _smtp._tls.{domain}: {error}',
  },
  claims: [{ about: 'TLS-RPT', names: ['TLS-RPT', 'TLSRPT', '_smtp._tls', ['SMTP', 'TLS report*']] }],
  async evaluate(domain, ctx) {
    const receiving = await domain.dns.mailReceiving(domain.name);
    if (receiving === 'no-mx') {
      ctx.notApplicable();
      return;
    }
    if (receiving === 'null-mx') {
      ctx.measured(`${domain.name} publishes a null MX (MX 0 ".", RFC 7505): it receives no mail, so no TLS-RPT record is needed`);
      return;
    }
    const at = { kind: 'dns' as const, name: `_smtp._tls.${domain.name}`, type: 'TXT' };
    const records = (await domain.dns.txt(`_smtp._tls.${domain.name}`)).filter(isTlsRpt);
    if (records.length === 0) ctx.fail(at, 'missing', { domain: domain.name });
    else if (records.length > 1) ctx.fail(at, 'multiple', { domain: domain.name, count: records.length }, records.join('\n'));
    else for (const error of parseTlsRpt(records[0]!).errors) ctx.fail(at, 'invalid', { domain: domain.name, error }, records[0]);
  },
});
