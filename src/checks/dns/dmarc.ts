import { z } from 'zod';
import { dmarcPolicyStrength, isDmarc, parseDmarc } from '../../targets/dns/dmarc.js';
import { nameAndParents, normalizeName } from '../../targets/dns/names.js';
import { defineCheck } from '../define.js';

export const dmarc = defineCheck({
  id: 'dns/dmarc',
  title: 'The domain publishes an enforcing DMARC policy with reports',
  severity: 'medium',
  target: 'domain',
  why:
    'DMARC tells receivers what to do with mail that fails SPF and DKIM alignment for the From: domain. Without a record, or with p=none ' +
    '(monitoring only), spoofed mail is delivered; pct below 100 applies the policy to a sample only; sp weaker than p leaves subdomains open; ' +
    'without rua nobody sees the aggregate reports that show abuse and misconfiguration. A subdomain without its own record inherits the ' +
    "parent's sp= (RFC 7489 §6.6.3, DMARCbis tree walk), up to the organisational domain by the Public Suffix List (a public suffix such as co.uk is not asked).",
  fix:
    'Publish one TXT record at _dmarc.<domain>, e.g. `_dmarc.example.com. TXT "v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc-reports@example.com"` ' +
    '(start with p=quarantine if needed, after the reports show every legitimate sender aligned).',
  refs: ['RFC 7489 (DMARC) §6.3, §6.6.3', 'draft-ietf-dmarc-dmarcbis (tree walk)', 'M3AAWG Email Authentication Best Practices', 'Internet.nl mail test: dmarc, dmarc_policy', 'checkdmarc DMARC checks'],
  messages: {
    missing: 'no DMARC record at _dmarc.{domain} (nor at a parent domain)',
    multiple: '_dmarc.{name} has {count} DMARC records: receivers ignore them all',
    syntax: 'DMARC record at _dmarc.{name}: {error}',
    policyNone: 'DMARC policy for {domain} is p=none: monitoring only, spoofed mail is delivered',
    partialPct: 'DMARC record at _dmarc.{name} applies its policy to pct={pct}% of failing mail only',
    noReports: 'DMARC record at _dmarc.{name} has no rua=: nobody receives aggregate reports',
    weakerSubdomains: 'DMARC record at _dmarc.{name}: sp={sp} is weaker than p={p}, subdomains are less protected',
    relaxedAlignment: 'DMARC record at _dmarc.{name} uses relaxed {tag} alignment (informational; strict alignment is required here)',
  },
  claims: [
    {
      about: 'DMARC enforced',
      names: ['DMARC', ['email', 'spoof*'], ['mail', 'spoof*'], ['sender', 'spoof*'], 'p=reject', 'p=quarantine', 'p=none'],
      messages: ['missing', 'multiple', 'syntax', 'policyNone', 'partialPct', 'weakerSubdomains'],
    },
    { about: 'DMARC aggregate reports', names: [['DMARC', 'rua'], ['DMARC', 'report*']], messages: ['noReports'] },
  ],
  options: z
    .object({
      /** Also fail on relaxed adkim/aspf alignment (the default, usually fine). */
      requireStrictAlignment: z.boolean().default(false),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    // The domain's own record, else the closest parent's (its sp= applies to subdomains).
    for (const name of nameAndParents(domain.name)) {
      const records = (await domain.dns.txt(`_dmarc.${name}`)).filter(isDmarc);
      if (records.length === 0) continue;
      const at = { kind: 'dns' as const, name: `_dmarc.${name}`, type: 'TXT' };
      if (records.length > 1) {
        ctx.fail(at, 'multiple', { name, count: records.length }, records.join('\n'));
        return;
      }
      const text = records[0]!;
      const record = parseDmarc(text);
      for (const error of record.errors) ctx.fail(at, 'syntax', { name, error }, text);
      const inherited = name !== normalizeName(domain.name);
      const applied = inherited ? record.subdomainPolicy : record.policy;
      if (applied === 'none') ctx.fail(at, 'policyNone', { domain: domain.name }, text);
      if (record.pct < 100) ctx.fail(at, 'partialPct', { name, pct: record.pct }, text);
      if (record.rua.length === 0) ctx.fail(at, 'noReports', { name }, text);
      if (!inherited && record.policy && record.subdomainPolicyExplicit && record.subdomainPolicy && dmarcPolicyStrength(record.subdomainPolicy) < dmarcPolicyStrength(record.policy)) {
        ctx.fail(at, 'weakerSubdomains', { name, sp: record.subdomainPolicy, p: record.policy }, text);
      }
      if (options.requireStrictAlignment) {
        if (record.adkim === 'r') ctx.fail(at, 'relaxedAlignment', { name, tag: 'adkim' }, text);
        if (record.aspf === 'r') ctx.fail(at, 'relaxedAlignment', { name, tag: 'aspf' }, text);
      }
      return;
    }
    ctx.fail({ kind: 'dns', name: `_dmarc.${domain.name}`, type: 'TXT' }, 'missing', { domain: domain.name });
  },
});
