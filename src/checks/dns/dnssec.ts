import { nameAndParents } from '../../targets/dns/names.js';
import { defineCheck } from '../define.js';

export const dnssec = defineCheck({
  id: 'dns/dnssec',
  title: 'The domain is signed with DNSSEC and its key is delegated from the parent (DS)',
  severity: 'info',
  target: 'domain',
  why:
    'Without DNSSEC, a resolver cannot tell forged answers (cache poisoning, on-path tampering) from real ones, and DANE, and the ' +
    'integrity of the CAA, SPF, DMARC and MTA-STS records other checks read, rest on unauthenticated DNS. A zone signed (DNSKEY at the ' +
    'apex) but without a DS record at its parent is an island: validators treat it as unsigned. The check asks the configured resolver for ' +
    'DNSKEY at the domain or its closest parent and DS for that zone (raw queries with the DO bit); informational, since DNSSEC is a ' +
    'trade-off (operational risk of key rollovers) rather than a must.',
  fix:
    'Enable DNSSEC signing at the DNS host (most managed DNS providers: one switch, with automatic key rollover), then publish the DS ' +
    'record it shows at the registrar (e.g. `example.com. DS 2371 13 2 <digest>`); verify with `dig +dnssec example.com DNSKEY` and a validating resolver.',
  refs: ['RFC 4033, RFC 4034, RFC 4035 (DNSSEC)', 'RFC 6781 (DNSSEC operational practices)', 'Internet.nl web and mail tests: dnssec_exists, dnssec_valid', 'NIST SP 800-81-2 (Secure DNS Deployment Guide)'],
  messages: {
    unsigned: '{domain} is not signed: no DNSKEY records at {domain} or any parent domain',
    noDs: 'zone {zone} is signed (DNSKEY) but its parent publishes no DS record for it: validators treat it as unsigned',
    servfail: 'the resolver answered SERVFAIL for {name} DNSKEY: with DNSSEC, the usual cause is a validation failure (bogus signatures)',
  },
  claims: [{ about: 'DNSSEC', names: ['DNSSEC', 'DNSKEY', 'DS record*', ['zone', 'signed', 'DNS'], ['DNS', 'signing'], 'DNS cache poisoning'] }],
  async evaluate(domain, ctx) {
    for (const name of nameAndParents(domain.name)) {
      const keys = await domain.dns.raw(name, 'DNSKEY');
      if (keys.rcode === 2) {
        ctx.fail({ kind: 'dns', name, type: 'DNSKEY' }, 'servfail', { name });
        return;
      }
      if (keys.answers.length === 0) continue;
      const ds = await domain.dns.raw(name, 'DS');
      if (ds.answers.length === 0) ctx.fail({ kind: 'dns', name, type: 'DS' }, 'noDs', { zone: name }, `${keys.answers.length} DNSKEY records at ${name}, no DS`);
      return;
    }
    ctx.fail({ kind: 'dns', name: domain.name, type: 'DNSKEY' }, 'unsigned', { domain: domain.name });
  },
});
