import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { findCaaSet, parseCaaProperty } from './caa.js';
import { nameAndParents } from './names.js';
import { DnsClient } from './resolver.js';

describe('parseCaaProperty', () => {
  it('splits issue into the CA domain and parameters', () => {
    const errors: string[] = [];
    const property = parseCaaProperty({ critical: 0, tag: 'issue', value: 'letsencrypt.org; validationmethods=dns-01; accounturi=https://acme.example/acct/1' }, errors);
    expect(property).toMatchObject({ tag: 'issue', issuer: 'letsencrypt.org', critical: false, parameters: { validationmethods: 'dns-01', accounturi: 'https://acme.example/acct/1' } });
    expect(errors).toEqual([]);
  });

  it('reads ";" as "no CA may issue"', () => {
    expect(parseCaaProperty({ critical: 0, tag: 'issuewild', value: ';' }, []).issuer).toBe('');
  });

  it('reports malformed values and unknown critical tags', () => {
    const errors: string[] = [];
    parseCaaProperty({ critical: 0, tag: 'issue', value: 'not a domain' }, errors);
    parseCaaProperty({ critical: 0, tag: 'iodef', value: 'security@example.org' }, errors);
    parseCaaProperty({ critical: 128, tag: 'tbs', value: 'x' }, errors);
    parseCaaProperty({ critical: 0, tag: 'tbs', value: 'x' }, errors);
    expect(errors).toEqual([
      'issue "not a domain": "not a domain" is not a CA domain name',
      'iodef "security@example.org" is not a mailto: or http(s): URL',
      'unknown critical tag "tbs": every CA must refuse to issue',
    ]);
  });
});

describe('findCaaSet', () => {
  let dns: RunningDnsServer;
  let client: DnsClient;
  beforeAll(async () => {
    dns = await startDnsServer({
      'example.test CAA': [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }],
      'own.example.test CAA': [{ flags: 0, tag: 'issue', value: 'pki.goog' }, { flags: 0, tag: 'iodef', value: 'mailto:sec@example.test' }],
      'b.example.test A': ['192.0.2.1'],
    });
    client = new DnsClient(dns.address, 2000);
  });
  afterAll(() => dns.close());

  it('lists the names to ask, stopping at the organisational domain by the Public Suffix List', () => {
    expect(nameAndParents('a.b.example.com.')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
    expect(nameAndParents('example.com')).toEqual(['example.com']);
    expect(nameAndParents('a.b.example.co.uk')).toEqual(['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk']);
    expect(nameAndParents('www.city.kawasaki.jp')).toEqual(['www.city.kawasaki.jp', 'city.kawasaki.jp']);
    // Private suffixes are walked through: the owner's records apply to the names under it.
    expect(nameAndParents('user.github.io')).toEqual(['user.github.io', 'github.io']);
    expect(nameAndParents('co.uk')).toEqual(['co.uk']);
    expect(nameAndParents('localhost')).toEqual(['localhost']);
  });

  it("uses the name's own records first", async () => {
    const set = await findCaaSet('own.example.test', client);
    expect(set?.foundAt).toBe('own.example.test');
    expect(set?.properties.map((p) => [p.tag, p.value])).toEqual([
      ['issue', 'pki.goog'],
      ['iodef', 'mailto:sec@example.test'],
    ]);
  });

  it('walks up to the closest ancestor with CAA', async () => {
    expect((await findCaaSet('a.b.example.test', client))?.foundAt).toBe('example.test');
  });

  it('is undefined when no ancestor has CAA', async () => {
    expect(await findCaaSet('www.other.test', client)).toBeUndefined();
  });
});
