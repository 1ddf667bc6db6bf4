import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { checkKeySignatures, type DnskeyData } from '../../targets/dns/dnssec-chain.js';
import { rawQuery } from '../../targets/dns/raw-query.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startNsd, type RunningNsd } from '../../testing/nsd.js';
import { dnssec } from './dnssec.js';

const key = { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) };

const ksk = (algorithm: string, bits?: number) => ({ algorithm, ksk: true, ...(bits ? { bits } : {}) });
const zsk = (algorithm: string, bits?: number) => ({ algorithm, ...(bits ? { bits } : {}) });

describe('dns/dnssec (real NSD, ldns-signed zones)', () => {
  let nsd: RunningNsd;
  beforeAll(async () => {
    nsd = await startNsd('test', [
      { name: 'ec.test', keys: [ksk('ECDSAP256SHA256'), zsk('ECDSAP256SHA256')], records: ['www A 192.0.2.1'] },
      { name: 'p384.test', keys: [ksk('ECDSAP384SHA384')] },
      { name: 'ed.test', keys: [ksk('ED25519')] },
      // An RSA-4096 KSK in a rollover beside a second KSK: the DNSKEY answer exceeds NSD's UDP size (1232).
      { name: 'big.test', keys: [ksk('RSASHA256', 4096), ksk('RSASHA256', 2048), zsk('RSASHA256', 1024)] },
      { name: 'wrongds.test', keys: [ksk('ECDSAP256SHA256')], ds: 'wrong-digest' },
      { name: 'expired.test', keys: [ksk('ECDSAP256SHA256')], inception: '20200101000000', expiration: '20200201000000' },
      { name: 'island.test', keys: [ksk('ECDSAP256SHA256')], ds: 'none' },
      { name: 'plain.test', records: ['www A 192.0.2.1'] },
    ]);
  }, 60_000);
  afterAll(() => nsd.close());

  const run = (domains: string[]) => runLiveCheck(dnssec, { targets: { domains }, dnsServer: nsd.address });

  it('passes zones whose DS matches a key and whose key signatures verify (ECDSA P-256, P-384, Ed25519), and a name inside one', async () => {
    const results = await run(['ec.test', 'www.ec.test', 'p384.test', 'ed.test']);
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['ec.test', 'pass'],
      ['ed.test', 'pass'],
      ['p384.test', 'pass'],
      ['www.ec.test', 'pass'],
    ]);
    expect(results.every((r) => /DNSKEY RRSIG verified/.test(r.evidence ?? ''))).toBe(true);
  });

  it('reads a DNSKEY answer too large for UDP over TCP (RSA-4096 KSK rollover) and verifies it', async () => {
    const [result] = await run(['big.test']);
    expect([result!.status, result!.evidence]).toEqual(['pass', expect.stringMatching(/RRSIG verified; DNSKEY over TCP \(UDP answer truncated\)$/)]);
  });

  it('fails a DS whose digest matches no key, expired key signatures, a zone without DS, an unsigned zone', async () => {
    const results = await run(['wrongds.test', 'expired.test', 'island.test', 'plain.test']);
    expect(results.map((r) => [r.target, r.messageId])).toEqual([
      ['expired.test', 'badSignature'],
      ['island.test', 'noDs'],
      ['plain.test', 'unsigned'],
      ['wrongds.test', 'dsMismatch'],
    ]);
    expect(results[0]!.message).toMatch(/^zone expired\.test: the DNSKEY records have no valid signature by the key the DS names: the RRSIG by key \d+ expired 2020-02-01T00:00:00Z$/);
    expect(results[3]!.message).toMatch(/^zone wrongds\.test: no DS record at the parent matches a published DNSKEY \(DS \d+: its digest matches no DNSKEY with key tag \d+\)/);
  });

  it('fails a signature that does not verify', async () => {
    const keys = await rawQuery(nsd.address, 'ec.test', 'DNSKEY', 2000);
    const keyData = keys.answers.map((answer) => answer.data as DnskeyData);
    const signers = keyData.filter((k) => k.flags === 257);
    expect(checkKeySignatures('ec.test', keyData, keys.signatures, signers)).toEqual({ ok: true, how: 'verified' });
    const tampered = keys.signatures.map((sig) => ({ ...sig, signature: Buffer.from(sig.signature.map((byte, i) => (i === 5 ? byte ^ 1 : byte))) }));
    expect(checkKeySignatures('ec.test', keyData, tampered, signers)).toEqual({ ok: false, problem: expect.stringMatching(/^the RRSIG by key \d+ does not verify$/) });
  });
});

describe('dns/dnssec (test DNS server)', () => {
  let dns: RunningDnsServer;
  let failing: Socket;
  let failingAddress: string;
  beforeAll(async () => {
    dns = await startDnsServer({
      'signed.test DNSKEY': [key],
      // A DS whose key tag names no published key: present, not valid.
      'signed.test DS': [{ keyTag: 2371, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 1) }],
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

  it('fails a DS whose key tag names no DNSKEY', async () => {
    const [result] = await runLiveCheck(dnssec, { targets: { domains: ['signed.test'] }, dnsServer: dns.address });
    expect([result!.status, result!.message]).toEqual(['fail', 'zone signed.test: no DS record at the parent matches a published DNSKEY (DS 2371: no DNSKEY has key tag 2371 and algorithm 13): validators treat the zone as bogus']);
  });

  it('reports SERVFAIL from the resolver as an error, as the other DNS checks do', async () => {
    const results = await runLiveCheck(dnssec, { targets: { domains: ['bogus.test'] }, dnsServer: failingAddress });
    expect(results.map((r) => [r.target, r.status, r.message])).toEqual([['bogus.test', 'error', expect.stringContaining('DNS DNSKEY bogus.test failed: SERVFAIL')]]);
  });
});
