import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { DnsClient } from './resolver.js';
import { evaluateSpfLookups, isSpf, parseSpf } from './spf.js';

describe('parseSpf', () => {
  it('recognises SPF records by their version term only', () => {
    expect(isSpf('v=spf1 -all')).toBe(true);
    expect(isSpf('v=spf1')).toBe(true);
    expect(isSpf('v=spf10 -all')).toBe(false);
    expect(isSpf('google-site-verification=abc')).toBe(false);
  });

  it('reads qualifiers, mechanisms and their domains', () => {
    const spf = parseSpf('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.org/24 include:_spf.example.net ~all');
    expect(spf.errors).toEqual([]);
    expect(spf.mechanisms.map((m) => [m.qualifier, m.name, m.value])).toEqual([
      ['+', 'ip4', '192.0.2.0'],
      ['+', 'ip6', '2001:db8::'],
      ['+', 'a', undefined],
      ['+', 'mx', 'mail.example.org'],
      ['+', 'include', '_spf.example.net'],
      ['~', 'all', undefined],
    ]);
  });

  it('reports syntax errors', () => {
    expect(parseSpf('v=spf1 ip4:300.1.1.1 -all').errors).toEqual(['"ip4:300.1.1.1": not an IPv4 address']);
    expect(parseSpf('v=spf1 ip4:192.0.2.1/33 -all').errors).toEqual(['"ip4:192.0.2.1/33": bad IPv4 prefix length']);
    expect(parseSpf('v=spf1 include -all').errors).toEqual(['"include": include needs ":domain"']);
    expect(parseSpf('v=spf1 foo:bar -all').errors).toEqual(['unknown term "foo:bar"']);
    expect(parseSpf('v=spf1 a:example.org/99 -all').errors).toEqual(['"a:example.org/99": bad CIDR length "/99"']);
    expect(parseSpf('v=spf1 redirect=a.example redirect=b.example').errors).toEqual(['redirect= appears more than once']);
    expect(parseSpf('v=spf1 -all ~all').warnings).toEqual(['"~all" after "all" is never evaluated']);
  });

  it('keeps redirect= and ignores unknown modifiers', () => {
    const spf = parseSpf('v=spf1 foo=bar redirect=_spf.example.org');
    expect(spf.errors).toEqual([]);
    expect(spf.redirect).toBe('_spf.example.org');
    expect(spf.mechanisms).toEqual([]);
  });

  it('warns about ptr', () => {
    expect(parseSpf('v=spf1 ptr -all').warnings).toEqual(['ptr should not be used (RFC 7208 §5.5)']);
  });
});

describe('evaluateSpfLookups (against a DNS server on 127.0.0.1)', () => {
  let dns: RunningDnsServer;
  let client: DnsClient;
  beforeAll(async () => {
    dns = await startDnsServer({
      'a.test TXT': ['v=spf1 include:b.test include:c.test mx a -all'],
      'a.test MX': [{ preference: 10, exchange: 'mx.a.test' }],
      'a.test A': ['192.0.2.1'],
      'b.test TXT': ['v=spf1 include:d.test ip4:192.0.2.0/24 ?all'],
      'c.test TXT': ['v=spf1 a:ghost1.test a:ghost2.test a:ghost3.test -all'],
      'd.test TXT': ['v=spf1 exists:%{i}.rbl.test -all'],
      'loop1.test TXT': ['v=spf1 include:loop2.test -all'],
      'loop2.test TXT': ['v=spf1 include:loop1.test -all'],
      'redir.test TXT': ['v=spf1 redirect=target.test'],
      'target.test TXT': ['v=spf1 ip4:192.0.2.1 ~all'],
      'many.test TXT': [`v=spf1 ${Array.from({ length: 12 }, (_, i) => `include:n${i}.test`).join(' ')} -all`],
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`n${i}.test TXT`, ['v=spf1 ip4:192.0.2.1 -all']])),
      'v6only.test AAAA': ['2001:db8::1'],
      'v6.test TXT': ['v=spf1 a:v6only.test -all'],
      'noinclude.test TXT': ['v=spf1 include:nothing.test -all'],
      'othertxt.test TXT': ['v=spf1 include:verification.test -all'],
      'verification.test TXT': ['site-verification=abc'],
    });
    client = new DnsClient(dns.address, 2000);
  });
  afterAll(() => dns.close());

  const run = async (name: string) => evaluateSpfLookups(name, parseSpf((await client.txt(name))[0]!), client);

  it('counts include, a, mx, exists across the tree and void lookups', async () => {
    const result = await run('a.test');
    // include:b, include:d (inside b), exists (in d), include:c, 3× a: in c, mx, a = 9
    expect(result.lookups).toBe(9);
    expect(result.voidLookups).toBe(3);
    expect(result.all).toBe('-');
    expect(result.errors).toEqual([]);
  });

  it('detects include loops without hanging', async () => {
    const result = await run('loop1.test');
    expect(result.errors).toEqual(['include loop: loop1.test → loop2.test → loop1.test']);
  });

  it('follows redirect= and inherits its all', async () => {
    const result = await run('redir.test');
    expect(result.lookups).toBe(1);
    expect(result.all).toBe('~');
  });

  it('stops walking once more than 10 lookups are counted', async () => {
    const result = await run('many.test');
    expect(result.lookups).toBe(11);
    expect(result.truncated).toBe(true);
  });

  it('counts an a: lookup as void only when neither A nor AAAA answers', async () => {
    expect((await run('v6.test')).voidLookups).toBe(0);
  });

  it('reports an include without an SPF record; the lookup is void only when no TXT came back', async () => {
    const result = await run('noinclude.test');
    expect(result.errors).toEqual(['include:nothing.test has no SPF record']);
    expect(result.voidLookups).toBe(1);
    const other = await run('othertxt.test');
    expect(other.errors).toEqual(['include:verification.test has no SPF record']);
    expect(other.voidLookups).toBe(0);
  });
});
