import { isMtaSts, parseMtaSts } from '../../targets/dns/mail-tls.js';
import { defineCheck } from '../define.js';

export const mtaSts = defineCheck({
  id: 'dns/mta-sts',
  title: 'A domain that receives mail publishes an MTA-STS record',
  severity: 'low',
  target: 'domain',
  why:
    'SMTP between mail servers uses opportunistic STARTTLS: an attacker on the path can strip it or present any certificate, and the ' +
    'mail travels in clear or to the wrong host. MTA-STS lets the domain tell senders to require TLS with a valid certificate towards ' +
    'its MX hosts. The check applies to domains with MX records (a null MX, `MX 0 .` (RFC 7505), says the domain receives no mail: it passes) and reads the _mta-sts TXT record only (v=STSv1; id=...); it does not ' +
    'fetch the policy file from https://mta-sts.<domain>/.well-known/mta-sts.txt.',
  fix:
    'Serve a policy at https://mta-sts.example.com/.well-known/mta-sts.txt (`version: STSv1`, `mode: enforce` (start with testing), ' +
    '`mx: mail.example.com`, `max_age: 604800`) and publish `_mta-sts.example.com. TXT "v=STSv1; id=20260101000000"`, changing id with each policy change.',
  refs: ['RFC 8461 (SMTP MTA Strict Transport Security) §3.1', 'checkdmarc MTA-STS checks', 'NCSC-NL / Internet.nl mail test guidance (MTA-STS as an alternative to DANE)'],
  messages: {
    missing: '{domain} receives mail (MX) but publishes no MTA-STS record at _mta-sts.{domain}',
    multiple: '_mta-sts.{domain} has {count} MTA-STS records: senders treat that as no policy',
    invalid: 'MTA-STS record at _mta-sts.{domain}: {error}',
  },
  claims: [
    {
      about: 'MTA-STS',
      names: ['MTA-STS', ['SMTP', 'TLS', 'enforc*'], ['SMTP', 'STARTTLS', 'downgrade*'], ['STARTTLS', 'stripping'], ['inbound mail', 'TLS']],
    },
  ],
  async evaluate(domain, ctx) {
    const receiving = await domain.dns.mailReceiving(domain.name);
    if (receiving === 'no-mx') {
      ctx.notApplicable();
      return;
    }
    if (receiving === 'null-mx') {
      ctx.measured(`${domain.name} publishes a null MX (MX 0 ".", RFC 7505): it receives no mail, so no MTA-STS record is needed`);
      return;
    }
    const at = { kind: 'dns' as const, name: `_mta-sts.${domain.name}`, type: 'TXT' };
    const records = (await domain.dns.txt(`_mta-sts.${domain.name}`)).filter(isMtaSts);
    if (records.length === 0) ctx.fail(at, 'missing', { domain: domain.name });
    else if (records.length > 1) ctx.fail(at, 'multiple', { domain: domain.name, count: records.length }, records.join('\n'));
    else for (const error of parseMtaSts(records[0]!).errors) ctx.fail(at, 'invalid', { domain: domain.name, error }, records[0]);
  },
});
