import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { dnssec } from './dnssec.js';

const key = { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) };
const ds = { keyTag: 2371, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 1) };

describe('dns/dnssec', () => {
  let dns: RunningDnsServer;
  let failing: Socket;
  let failingAddress: string;
  beforeAll(async () => {
    dns = await startDnsServer({
      'signed.test DNSKEY': [key],
      'signed.test DS': [ds],
      'www.signed.test A': ['192.0.2.1'],
      'island.test DNSKEY': [key],
      'plain.test A': ['192.0.2.1'],
    });
    // A resolver whose validation fails: SERVFAIL to everything.
    failing = createSocket('udp4');
    failing.on('message', (message, remote) => {
      const query = dnsPacket.decode(message);
      failing.send(dnsPacket.encode({ id: query.id, type: 'response', flags: 2, questions: query.questions }), remote.port, remote.address);
    });
    await new Promise<void>((resolve) => failing.bind(0, '127.0.0.1', resolve));
    failingAddress = `127.0.0.1:${failing.address().port}`;
  });
  afterAll(async () => {
    await Promise.all([dns.close(), new Promise<void>((resolve) => failing.close(() => resolve()))]);
  });

  const run = (domains: string[], server = dns.address) => runLiveCheck(dnssec, { targets: { domains }, dnsServer: server });
  const failures = (results: Result[]) => results.filter((r) => r.status === 'fail').map((r) => [r.target, r.messageId, r.message]);

  it('passes a signed zone with a DS record, and a name inside it', async () => {
    expect((await run(['signed.test', 'www.signed.test'])).map((r) => [r.target, r.status])).toEqual([
      ['signed.test', 'pass'],
      ['www.signed.test', 'pass'],
    ]);
  });

  it('fails an unsigned domain and a signed zone without DS', async () => {
    expect(failures(await run(['plain.test', 'island.test']))).toEqual([
      ['island.test', 'noDs', 'zone island.test is signed (DNSKEY) but its parent publishes no DS record for it: validators treat it as unsigned'],
      ['plain.test', 'unsigned', 'plain.test is not signed: no DNSKEY records at plain.test or any parent domain'],
    ]);
  });

  it('reports SERVFAIL from the resolver', async () => {
    expect(failures(await run(['bogus.test'], failingAddress))).toEqual([
      ['bogus.test', 'servfail', 'the resolver answered SERVFAIL for bogus.test DNSKEY: with DNSSEC, the usual cause is a validation failure (bogus signatures)'],
    ]);
  });
});
