import { z } from 'zod';
import { findCaaSet } from '../../targets/dns/caa.js';
import { defineCheck } from '../define.js';

export const caa = defineCheck({
  id: 'dns/caa',
  title: 'CAA records name the certificate authorities allowed to issue for the domain',
  severity: 'low',
  target: 'domain',
  why:
    'Without CAA, every publicly trusted CA may issue certificates for the domain, so one mis-issuing or tricked CA is enough for a valid ' +
    'certificate in an attacker\'s hands. CAA (checked by every CA before issuance since 2017) limits issuance to the CAs named in "issue" ' +
    '(and "issuewild" for wildcards). The relevant record set is the name\'s own or its closest ancestor\'s (RFC 8659 §3), up to the registrable domain by the Public Suffix List (a public suffix such as co.uk is not asked).',
  fix:
    'Publish CAA records at the registrable domain, e.g. `example.com. CAA 0 issue "letsencrypt.org"`, `example.com. CAA 0 issuewild ";"` ' +
    '(no wildcards) and `example.com. CAA 0 iodef "mailto:security@example.com"`.',
  refs: ['RFC 8659 (CAA) §3, §4', 'RFC 8657 (accounturi, validationmethods)', 'CA/Browser Forum Baseline Requirements 3.2.2.8', 'Internet.nl web test: web_caa'],
  messages: {
    missing: 'no CAA records at {domain} or any parent domain: every CA may issue for it',
    noIssue: 'CAA records at {name} have no "issue" property: every CA may still issue non-wildcard certificates',
    invalid: 'CAA record at {name}: {error}',
    noIodef: 'CAA records at {name} have no "iodef" property (informational; a report address is required here)',
  },
  claims: [
    {
      about: 'CAA limits who may issue',
      names: ['CAA', 'Certification Authority Authorization', 'issuewild', ['certificate authorit*', 'allowed to issue'], ['certificate authorit*', 'restrict*']],
      messages: ['missing', 'noIssue', 'invalid'],
    },
    { about: 'CAA iodef', names: ['iodef'], messages: ['noIodef'] },
  ],
  options: z
    .object({
      /** Also fail when no iodef (violation report address) is published. */
      requireIodef: z.boolean().default(false),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    const set = await findCaaSet(domain.name, domain.dns);
    if (!set) {
      ctx.fail({ kind: 'dns', name: domain.name, type: 'CAA' }, 'missing', { domain: domain.name });
      return;
    }
    const at = { kind: 'dns' as const, name: set.foundAt, type: 'CAA' };
    const evidence = set.properties.map((p) => `${p.critical ? 128 : 0} ${p.tag} "${p.value}"`).join('\n');
    for (const error of set.errors) ctx.fail(at, 'invalid', { name: set.foundAt, error }, evidence);
    if (!set.properties.some((p) => p.tag === 'issue')) ctx.fail(at, 'noIssue', { name: set.foundAt }, evidence);
    if (options.requireIodef && !set.properties.some((p) => p.tag === 'iodef')) ctx.fail(at, 'noIodef', { name: set.foundAt }, evidence);
  },
});
