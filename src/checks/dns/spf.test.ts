import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { spf } from './spf.js';

const includes = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `include:${prefix}${i}.test`).join(' ');

describe('dns/spf', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      'strict.test TXT': ['v=spf1 ip4:192.0.2.0/24 include:provider.test -all', 'google-site-verification=abc'],
      'provider.test TXT': ['v=spf1 ip4:198.51.100.0/24 ~all'],
      'soft.test TXT': ['v=spf1 mx ~all'],
      'soft.test MX': [{ preference: 10, exchange: 'mx.soft.test' }],
      'redirected.test TXT': ['v=spf1 redirect=provider.test'],
      'nospf.test TXT': ['hello'],
      'two.test TXT': ['v=spf1 -all', 'v=spf1 mx -all'],
      'open.test TXT': ['v=spf1 mx +all'],
      'openredirect.test TXT': ['v=spf1 redirect=everyone.test'],
      'everyone.test TXT': ['v=spf1 all'],
      'neutral.test TXT': ['v=spf1 ip4:192.0.2.1 ?all'],
      'noall.test TXT': ['v=spf1 ip4:192.0.2.1'],
      'typo.test TXT': ['v=spf1 ip4:192.0.2.300 incude:provider.test -all'],
      'deep.test TXT': [`v=spf1 ${includes('d', 11)} -all`],
      ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`d${i}.test TXT`, ['v=spf1 ip4:192.0.2.1 -all']])),
      'void.test TXT': ['v=spf1 a:gone1.test a:gone2.test mx:gone3.test -all'],
      'loop.test TXT': ['v=spf1 include:loop2.test -all'],
      'loop2.test TXT': ['v=spf1 include:loop.test -all'],
      'ptr.test TXT': ['v=spf1 ptr -all'],
      // RFC 7208 §5.2: an include matches when the included record passes the sender.
      'open-provider.test TXT': ['v=spf1 +all'],
      'shrug.test TXT': ['v=spf1 ?all'],
      'leaky.test TXT': ['v=spf1 ip4:192.0.2.1 include:open-provider.test -all'],
      'mid.test TXT': ['v=spf1 ip4:192.0.2.9 include:open-provider.test ~all'],
      'leakydeep.test TXT': ['v=spf1 include:mid.test -all'],
      'leakyredirect.test TXT': ['v=spf1 redirect=leaky.test'],
      'qinclude.test TXT': ['v=spf1 ?include:open-provider.test -all'],
      'shruginclude.test TXT': ['v=spf1 include:shrug.test include:provider.test -all'],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[], options?: Record<string, unknown>) => runLiveCheck(spf, { targets: { domains }, dnsServer: dns.address, ...(options ? { options } : {}) });
  const failures = (results: Result[]) => results.filter((r) => r.status === 'fail').map((r) => [r.target, r.messageId, r.message]);

  it('passes -all, ~all (by default) and a redirect to a good record', async () => {
    const results = await run(['strict.test', 'soft.test', 'redirected.test']);
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['redirected.test', 'pass'],
      ['soft.test', 'pass'],
      ['strict.test', 'pass'],
    ]);
    // The lookups counted toward the limit, as data: strict.test's include is one.
    expect(results.find((r) => r.target === 'strict.test')!.data).toEqual({ lookups: 1, lookupsTruncated: false, voidLookups: 0, limit: 10 });
  });

  it('fails ~all when the plan asks for a hard fail', async () => {
    expect(failures(await run(['soft.test', 'strict.test'], { requireHardFail: true }))).toEqual([
      ['soft.test', 'softFail', 'SPF record of soft.test ends with "~all" (softfail); -all is required here'],
    ]);
  });

  it('fails a domain without SPF, and one with two records', async () => {
    expect(failures(await run(['nospf.test', 'missing.test', 'two.test']))).toEqual([
      ['missing.test', 'missing', 'missing.test publishes no SPF record'],
      ['nospf.test', 'missing', 'nospf.test publishes no SPF record'],
      ['two.test', 'multiple', 'two.test publishes 2 SPF records: receivers treat that as a permanent error'],
    ]);
  });

  it('fails +all (own or through redirect=), ?all and a record without all', async () => {
    expect(failures(await run(['open.test', 'openredirect.test', 'neutral.test', 'noall.test']))).toEqual([
      ['neutral.test', 'neutralAll', 'SPF record of neutral.test ends with "?all": unauthorised senders get neutral, not fail'],
      ['noall.test', 'noAll', 'SPF record of noall.test has neither "all" nor redirect=: the result for other senders defaults to neutral'],
      ['open.test', 'passAll', 'SPF record of open.test ends with "+all": every host may send mail as open.test'],
      ['openredirect.test', 'passAll', 'SPF record of openredirect.test ends with "+all (via redirect)": every host may send mail as openredirect.test'],
    ]);
  });

  it('fails an include whose record passes every sender (+all), directly, nested or through redirect=', async () => {
    expect(failures(await run(['leaky.test', 'leakydeep.test', 'leakyredirect.test', 'qinclude.test']))).toEqual([
      ['leaky.test', 'includePassAll', 'SPF record of leaky.test: include:open-provider.test (+all) matches every sender, so every host may send mail as leaky.test (the record\'s own "all" is never reached)'],
      ['leakydeep.test', 'includePassAll', 'SPF record of leakydeep.test: include:mid.test → include:open-provider.test (+all) matches every sender, so every host may send mail as leakydeep.test (the record\'s own "all" is never reached)'],
      ['leakyredirect.test', 'includePassAll', 'SPF record of leakyredirect.test: redirect=leaky.test → include:open-provider.test (+all) matches every sender, so every host may send mail as leakyredirect.test (the record\'s own "all" is never reached)'],
      ['qinclude.test', 'includeNeutralAll', 'SPF record of qinclude.test: ?include:open-provider.test (+all) matches every sender, so unauthorised senders get neutral, not fail'],
    ]);
  });

  it('passes an include whose record ends in ?all or ~all: it does not match other senders (RFC 7208 §5.2)', async () => {
    expect((await run(['shruginclude.test'])).map((r) => [r.target, r.status])).toEqual([['shruginclude.test', 'pass']]);
  });

  it('fails syntax errors, one result each', async () => {
    expect(failures(await run(['typo.test']))).toEqual([
      ['typo.test', 'syntax', 'SPF record of typo.test: "ip4:192.0.2.300": not an IPv4 address'],
      ['typo.test', 'syntax', 'SPF record of typo.test: unknown term "incude:provider.test"'],
    ]);
  });

  it('fails more than 10 lookups and more than 2 void lookups', async () => {
    const results = await run(['deep.test', 'void.test']);
    expect(results.map((r) => [r.target, r.data?.lookupsTruncated, r.data?.voidLookups])).toEqual([
      ['deep.test', true, 0],
      ['void.test', false, 3],
    ]);
    expect(failures(results)).toEqual([
      ['deep.test', 'tooManyLookups', 'SPF record of deep.test needs more than 10 DNS lookups (limit 10): receivers return permerror'],
      ['void.test', 'tooManyVoidLookups', 'SPF record of void.test makes 3 lookups that return nothing (limit 2): receivers return permerror'],
    ]);
  });

  it('fails include loops and ptr', async () => {
    expect(failures(await run(['loop.test', 'ptr.test']))).toEqual([
      ['loop.test', 'brokenReference', 'SPF record of loop.test: include loop: loop.test → loop2.test → loop.test'],
      ['ptr.test', 'ptr', 'SPF record of ptr.test uses the ptr mechanism (slow, unreliable, "SHOULD NOT be used")'],
    ]);
  });
});
