import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { dkim } from './dkim.js';

const rsa = (bits: number, type: 'spki' | 'pkcs1' = 'spki') => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type, format: 'der' }).toString('base64');
/** A TXT record as a DNS server serves a long one: strings of at most 255 characters. */
const strings = (text: string) => text.match(/.{1,255}/g)!;

describe('dns/dkim', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
    dns = await startDnsServer({
      'strong.test A': ['192.0.2.1'],
      's1._domainkey.strong.test TXT': [strings(`v=DKIM1; k=rsa; p=${rsa(2048)}`)],
      'ed._domainkey.strong.test TXT': [`v=DKIM1; k=ed25519; p=${ed25519}`],
      'old._domainkey.weak.test TXT': [`v=DKIM1; p=${rsa(1024, 'pkcs1')}`],
      'tiny._domainkey.weak.test TXT': [`v=DKIM1; p=${rsa(512)}; t=y`],
      'gone._domainkey.weak.test TXT': ['v=DKIM1; k=rsa; p='],
      'junk._domainkey.weak.test TXT': ['v=DKIM1; k=rsa; p=bm90IGEga2V5'],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: unknown[]) => runLiveCheck(dkim, { targets: { domains }, dnsServer: dns.address });
  const outcomes = (results: Result[]) => results.map((r) => [r.messageId ?? r.status, r.message ?? '']);

  it('passes RSA-2048 (a long key split in strings) and Ed25519; a domain named as a string or without selectors gets no result', async () => {
    const results = await run([{ name: 'strong.test', dkimSelectors: ['s1', 'ed'] }, 'plain.test', { name: 'noselectors.test' }]);
    expect(results.map((r) => [r.target, r.status, r.evidence])).toEqual([['strong.test', 'pass', 's1: rsa-2048, ed: ed25519-256']]);
  });

  it('fails a missing, revoked, undecodable, weak (512) and short (1024, PKCS#1) key, and testing mode', async () => {
    expect(outcomes(await run([{ name: 'weak.test', dkimSelectors: ['old', 'tiny', 'gone', 'junk', 'absent'] }]))).toEqual([
      ['missing', 'no DKIM key at absent._domainkey.weak.test: mail signed with selector absent fails DKIM'],
      ['revoked', 'the DKIM key at gone._domainkey.weak.test is revoked (empty p=): mail signed with selector gone fails DKIM'],
      ['invalid', 'DKIM key at junk._domainkey.weak.test: p= is not a valid rsa public key'],
      ['shortKey', 'the DKIM key at old._domainkey.weak.test is RSA-1024: below the recommended 2048 bits (RFC 8301)'],
      ['weakKey', 'the DKIM key at tiny._domainkey.weak.test is RSA-512: verifiers reject keys below 1024 bits (RFC 8301), and they can be factored'],
      ['testing', 'the DKIM key at tiny._domainkey.weak.test is in testing mode (t=y): verifiers may treat failures as unsigned mail'],
    ]);
  });

  it('rejects a selector that is not a DNS name in the plan', async () => {
    await expect(run([{ name: 'strong.test', dkimSelectors: ['bad selector'] }])).rejects.toThrow(/DKIM selector/);
  });
});
