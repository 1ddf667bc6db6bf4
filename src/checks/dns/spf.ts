import { z } from 'zod';
import { evaluateSpfLookups, isSpf, parseSpf, SPF_LOOKUP_LIMIT, SPF_VOID_LIMIT } from '../../targets/dns/spf.js';
import { defineCheck } from '../define.js';

export const spf = defineCheck({
  id: 'dns/spf',
  title: 'The domain publishes one valid SPF record that rejects unauthorised senders',
  severity: 'medium',
  target: 'domain',
  why:
    'Without an SPF record ending in -all or ~all, any host can send mail as the domain and receivers have no basis to reject it; ' +
    '+all or ?all authorise or shrug at everyone. A record that needs more than 10 DNS lookups, or more than 2 lookups that return nothing, ' +
    'or two SPF records at once, is a permanent error: receivers ignore it, and DMARC loses its SPF half. ' +
    'An include: matches when the included record passes the sender (RFC 7208 §5.2): an included record ending in +all matches every ' +
    'sender, so the including record passes every host whatever its own "all" says (an included ?all or ~all does not match, and is harmless). ' +
    '~all (softfail) passes: together with an enforcing DMARC policy it is the usual recommendation (set requireHardFail to ask for -all).',
  fix:
    'Publish exactly one TXT record at the domain, e.g. `example.com. TXT "v=spf1 include:_spf.mailprovider.example -all"` ' +
    '(or just `"v=spf1 -all"` for a domain that sends no mail); flatten includes (ip4:/ip6:) until it needs at most 10 lookups.',
  refs: ['RFC 7208 (SPF) §4.5, §4.6.4, §5.1, §5.5', 'M3AAWG Email Authentication Best Practices', 'Internet.nl mail test: spf, spf_policy', 'checkdmarc SPF checks'],
  messages: {
    missing: '{domain} publishes no SPF record',
    multiple: '{domain} publishes {count} SPF records: receivers treat that as a permanent error',
    syntax: 'SPF record of {domain}: {error}',
    passAll: 'SPF record of {domain} ends with "{term}": every host may send mail as {domain}',
    includePassAll: 'SPF record of {domain}: {via} matches every sender, so every host may send mail as {domain} (the record\'s own "all" is never reached)',
    includeNeutralAll: 'SPF record of {domain}: {via} matches every sender, so unauthorised senders get neutral, not fail',
    neutralAll: 'SPF record of {domain} ends with "?all": unauthorised senders get neutral, not fail',
    noAll: 'SPF record of {domain} has neither "all" nor redirect=: the result for other senders defaults to neutral',
    softFail: 'SPF record of {domain} ends with "~all" (softfail); -all is required here',
    tooManyLookups: 'SPF record of {domain} needs {lookups} DNS lookups (limit {limit}): receivers return permerror',
    tooManyVoidLookups: 'SPF record of {domain} makes {count} lookups that return nothing (limit {limit}): receivers return permerror',
    brokenReference: 'SPF record of {domain}: {error}',
    ptr: 'SPF record of {domain} uses the ptr mechanism (slow, unreliable, "SHOULD NOT be used")',
  },
  claims: [
    {
      about: 'SPF rejects unauthorised senders',
      names: ['SPF', 'v=spf1', 'Sender Policy Framework'],
      messages: ['missing', 'multiple', 'syntax', 'passAll', 'includePassAll', 'includeNeutralAll', 'neutralAll', 'noAll', 'tooManyLookups', 'tooManyVoidLookups', 'brokenReference'],
    },
    { about: 'SPF within the lookup limits', names: [['SPF', 'lookup*'], ['SPF', 'permerror'], ['SPF', 'flatten*']], messages: ['tooManyLookups', 'tooManyVoidLookups'] },
    { about: 'SPF hard fail (-all)', names: [['SPF', 'hardfail'], ['SPF', 'hard fail'], ['SPF', 'softfail'], ['SPF', 'soft fail']], messages: ['softFail'] },
  ],
  options: z
    .object({
      /** Fail on ~all too, asking for -all. */
      requireHardFail: z.boolean().default(false),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    const at = { kind: 'dns' as const, name: domain.name, type: 'TXT' };
    const records = (await domain.dns.txt(domain.name)).filter(isSpf);
    if (records.length === 0) {
      ctx.fail(at, 'missing', { domain: domain.name });
      return;
    }
    if (records.length > 1) {
      ctx.fail(at, 'multiple', { domain: domain.name, count: records.length }, records.join('\n'));
      return;
    }
    const text = records[0]!;
    const record = parseSpf(text);
    for (const error of record.errors) ctx.fail(at, 'syntax', { domain: domain.name, error }, text);
    if (record.mechanisms.some((m) => m.name === 'ptr')) ctx.fail(at, 'ptr', { domain: domain.name }, text);

    const evaluation = await evaluateSpfLookups(domain.name, record, domain.dns);
    ctx.computed({ lookups: evaluation.lookups, lookupsTruncated: evaluation.truncated, voidLookups: evaluation.voidLookups, limit: SPF_LOOKUP_LIMIT });
    if (evaluation.lookups > SPF_LOOKUP_LIMIT) {
      const lookups = evaluation.truncated ? `more than ${SPF_LOOKUP_LIMIT}` : String(evaluation.lookups);
      ctx.fail(at, 'tooManyLookups', { domain: domain.name, lookups, limit: SPF_LOOKUP_LIMIT }, text);
    }
    if (evaluation.voidLookups > SPF_VOID_LIMIT) ctx.fail(at, 'tooManyVoidLookups', { domain: domain.name, count: evaluation.voidLookups, limit: SPF_VOID_LIMIT }, text);
    for (const error of evaluation.errors) ctx.fail(at, 'brokenReference', { domain: domain.name, error }, text);

    const everySender = evaluation.everySender;
    if (everySender?.qualifier === '+') return ctx.fail(at, 'includePassAll', { domain: domain.name, via: everySender.via }, text);
    if (everySender?.qualifier === '?') return ctx.fail(at, 'includeNeutralAll', { domain: domain.name, via: `?${everySender.via}` }, text);
    if (everySender) return; // ~include / -include of a record that passes everyone: every sender softfails or fails, none is let through
    const own = record.mechanisms.find((m) => m.name === 'all');
    const all = own?.qualifier ?? evaluation.all;
    if (all === '+') ctx.fail(at, 'passAll', { domain: domain.name, term: own?.term ?? '+all (via redirect)' }, text);
    else if (all === '?') ctx.fail(at, 'neutralAll', { domain: domain.name }, text);
    else if (all === '~' && options.requireHardFail) ctx.fail(at, 'softFail', { domain: domain.name }, text);
    else if (all === undefined && record.redirect === undefined) ctx.fail(at, 'noAll', { domain: domain.name }, text);
  },
});
