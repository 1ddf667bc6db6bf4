import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { parseServer, rawQuery } from './raw-query.js';
import { DnsClient } from './resolver.js';

describe('parseServer', () => {
  it('reads host, port and IPv6 forms', () => {
    expect(parseServer('192.0.2.53')).toEqual({ host: '192.0.2.53', port: 53 });
    expect(parseServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseServer('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseServer('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
  });
});

describe('rawQuery (against DNS servers on 127.0.0.1)', () => {
  let dns: RunningDnsServer;
  let silent: Socket;
  beforeAll(async () => {
    dns = await startDnsServer({ 'signed.test DNSKEY': [{ flags: 257, algorithm: 13, key: Buffer.from('abc') }] });
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await Promise.all([dns.close(), new Promise<void>((resolve) => silent.close(() => resolve()))]);
  });

  it('gets DNSKEY records, and an empty answer with NXDOMAIN for a missing name', async () => {
    const found = await rawQuery(dns.address, 'signed.test', 'DNSKEY', 2000);
    expect(found.rcode).toBe(0);
    expect(found.answers).toHaveLength(1);
    expect(found.answers[0]!.data).toMatchObject({ flags: 257, algorithm: 13 });
    const missing = await rawQuery(dns.address, 'nothing.test', 'DS', 2000);
    expect([missing.rcode, missing.answers]).toEqual([3, []]);
  });

  it('gives up after its timeout when nobody answers', async () => {
    const started = Date.now();
    await expect(rawQuery(`127.0.0.1:${silent.address().port}`, 'signed.test', 'DNSKEY', 400)).rejects.toThrow(/no answer from 127\.0\.0\.1/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('goes through DnsClient to the configured server, cached', async () => {
    const client = new DnsClient(dns.address, 2000);
    expect(client.server).toBe(dns.address);
    const first = client.raw('signed.test', 'DNSKEY');
    expect(client.raw('signed.test', 'DNSKEY')).toBe(first);
    expect((await first).answers).toHaveLength(1);
  });
});
