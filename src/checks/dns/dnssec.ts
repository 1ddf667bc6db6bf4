import { checkKeySignatures, matchDs, VERIFIED_ALGORITHMS, type DnskeyData, type DsData } from '../../targets/dns/dnssec-chain.js';
import { nameAndParents } from '../../targets/dns/names.js';
import type { RawRecordType, RawResponse } from '../../targets/dns/raw-query.js';
import type { DnsClient } from '../../targets/dns/resolver.js';
import { defineCheck } from '../define.js';

const RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED' };

/** A raw answer the check can read: NOERROR or NXDOMAIN, complete; anything else is an error of the run, as for the other DNS checks. */
async function ask(dns: DnsClient, name: string, type: RawRecordType): Promise<RawResponse> {
  const response = await dns.raw(name, type);
  if (response.rcode !== 0 && response.rcode !== 3) throw new Error(`DNS ${type} ${name} failed: ${RCODES[response.rcode] ?? `rcode ${response.rcode}`}`);
  if (response.truncated) throw new Error(`DNS ${type} ${name} failed: the answer is truncated and the TCP retry failed`);
  return response;
}

export const dnssec = defineCheck({
  id: 'dns/dnssec',
  title: 'The domain is signed with DNSSEC, its key is delegated from the parent (DS), and the key signatures are valid',
  severity: 'info',
  target: 'domain',
  why:
    'Without DNSSEC, a resolver cannot tell forged answers (cache poisoning, on-path tampering) from real ones, and DANE, and the ' +
    'integrity of the CAA, SPF, DMARC and MTA-STS records other checks read, rest on unauthenticated DNS. A zone signed (DNSKEY at the ' +
    'apex) but without a DS record at its parent is an island: validators treat it as unsigned; a DS that names no published key, or ' +
    'key signatures that expired, make the zone bogus: validating resolvers answer SERVFAIL for every name in it. The check asks the ' +
    'configured resolver for DNSKEY at the domain or its closest parent and DS for that zone (raw queries with the DO bit, over TCP ' +
    'when the UDP answer is truncated), then checks locally that a DS digest (SHA-1, SHA-256, SHA-384 over the owner name and key) ' +
    'equals a published DNSKEY and that the DNSKEY RRset carries an RRSIG by that key which is within its validity window and verifies ' +
    `(algorithms ${Object.entries(VERIFIED_ALGORITHMS).map(([n, name]) => `${n} ${name}`).join(', ')}; others: window only). It does not ` +
    'validate the parent zone\'s own chain up to the root, nor the signatures of other record types. A resolver answering SERVFAIL is ' +
    'an error of the run, as for the other DNS checks. Informational, since DNSSEC is a trade-off (operational risk of key rollovers) rather than a must.',
  fix:
    'Enable DNSSEC signing at the DNS host (most managed DNS providers: one switch, with automatic key rollover), then publish the DS ' +
    'record it shows at the registrar (e.g. `example.com. DS 2371 13 2 <digest>`); after a key rollover, replace the old DS; verify with ' +
    '`dig +dnssec example.com DNSKEY`, `delv example.com` or a validating resolver.',
  refs: ['RFC 4033, RFC 4034, RFC 4035 (DNSSEC)', 'RFC 6781 (DNSSEC operational practices)', 'RFC 8624 (DNSSEC algorithm implementation requirements)', 'Internet.nl web and mail tests: dnssec_exists, dnssec_valid', 'NIST SP 800-81-2 (Secure DNS Deployment Guide)'],
  messages: {
    unsigned: '{domain} is not signed: no DNSKEY records at {domain} or any parent domain',
    noDs: 'zone {zone} is signed (DNSKEY) but its parent publishes no DS record for it: validators treat it as unsigned',
    dsMismatch: 'zone {zone}: no DS record at the parent matches a published DNSKEY ({problems}): validators treat the zone as bogus',
    badSignature: 'zone {zone}: the DNSKEY records have no valid signature by the key the DS names: {problem}',
  },
  claims: [{ about: 'DNSSEC', names: ['DNSSEC', 'DNSKEY', 'DS record*', ['zone', 'signed', 'DNS'], ['DNS', 'signing'], 'DNS cache poisoning'] }],
  async evaluate(domain, ctx) {
    for (const name of nameAndParents(domain.name)) {
      const keys = await ask(domain.dns, name, 'DNSKEY');
      if (keys.answers.length === 0) continue;
      const ds = await ask(domain.dns, name, 'DS');
      if (ds.answers.length === 0) {
        ctx.fail({ kind: 'dns', name, type: 'DS' }, 'noDs', { zone: name }, `${keys.answers.length} DNSKEY records at ${name}, no DS`);
        return;
      }
      const keyData = keys.answers.map((answer) => answer.data as DnskeyData);
      const matches = matchDs(name, ds.answers.map((answer) => answer.data as DsData), keyData);
      const signers = matches.flatMap((match) => match.key ?? []);
      const dsText = matches.map(({ ds: d }) => `DS ${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest.toString('hex')}`).join('\n');
      if (signers.length === 0) {
        ctx.fail({ kind: 'dns', name, type: 'DS' }, 'dsMismatch', { zone: name, problems: matches.map((m) => `DS ${m.ds.keyTag}: ${m.problem}`).join('; ') }, dsText);
        return;
      }
      const signatures = checkKeySignatures(name, keyData, keys.signatures, signers);
      if (!signatures.ok) ctx.fail({ kind: 'dns', name, type: 'DNSKEY' }, 'badSignature', { zone: name, problem: signatures.problem }, dsText);
      else ctx.measured(`${name}: DS matches DNSKEY ${matches.filter((m) => m.key).map((m) => m.ds.keyTag).join(', ')}; DNSKEY RRSIG ${signatures.how === 'verified' ? 'verified' : 'within its validity window (algorithm not verified)'}${keys.transport === 'tcp' ? '; DNSKEY over TCP (UDP answer truncated)' : ''}`);
      return;
    }
    ctx.fail({ kind: 'dns', name: domain.name, type: 'DNSKEY' }, 'unsigned', { domain: domain.name });
  },
});
