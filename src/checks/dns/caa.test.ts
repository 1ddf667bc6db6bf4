import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { caa } from './caa.js';

describe('dns/caa', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      'good.test CAA': [
        { flags: 0, tag: 'issue', value: 'letsencrypt.org' },
        { flags: 0, tag: 'issuewild', value: ';' },
        { flags: 0, tag: 'iodef', value: 'mailto:security@good.test' },
      ],
      'plain.test CAA': [{ flags: 0, tag: 'issue', value: 'pki.goog; validationmethods=dns-01' }],
      'wildonly.test CAA': [{ flags: 0, tag: 'issuewild', value: 'letsencrypt.org' }],
      'bad.test CAA': [{ flags: 0, tag: 'issue', value: 'lets encrypt' }],
      'a.b.good.test A': ['192.0.2.1'],
      'none.test A': ['192.0.2.1'],
      // A record at a public suffix is no registrable domain's.
      'co.uk CAA': [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[], options?: Record<string, unknown>) => runLiveCheck(caa, { targets: { domains }, dnsServer: dns.address, ...(options ? { options } : {}) });
  const failures = (results: Result[]) => results.filter((r) => r.status === 'fail').map((r) => [r.target, r.messageId, r.message]);

  it("passes a domain with issue, and a subdomain covered by its parent's records", async () => {
    const results = await run(['good.test', 'plain.test', 'a.b.good.test']);
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['a.b.good.test', 'pass'],
      ['good.test', 'pass'],
      ['plain.test', 'pass'],
    ]);
  });

  it('fails a domain without CAA up the tree (to its registrable domain: a public suffix is not asked)', async () => {
    expect(failures(await run(['none.test', 'www.example.co.uk', 'www.none.test']))).toEqual([
      ['none.test', 'missing', 'no CAA records at none.test or any parent domain: every CA may issue for it'],
      ['www.example.co.uk', 'missing', 'no CAA records at www.example.co.uk or any parent domain: every CA may issue for it'],
      ['www.none.test', 'missing', 'no CAA records at www.none.test or any parent domain: every CA may issue for it'],
    ]);
  });

  it('fails records without issue, and malformed ones', async () => {
    const results = await run(['wildonly.test', 'bad.test']);
    expect(failures(results)).toEqual([
      ['bad.test', 'invalid', 'CAA record at bad.test: issue "lets encrypt": "lets encrypt" is not a CA domain name'],
      ['wildonly.test', 'noIssue', 'CAA records at wildonly.test have no "issue" property: every CA may still issue non-wildcard certificates'],
    ]);
    expect(results.find((r) => r.target === 'bad.test')!.evidence).toBe('0 issue "lets encrypt"');
  });

  it('asks for iodef only when the plan requires it', async () => {
    expect(failures(await run(['good.test', 'plain.test'], { requireIodef: true }))).toEqual([
      ['plain.test', 'noIodef', 'CAA records at plain.test have no "iodef" property (informational; a report address is required here)'],
    ]);
  });
});
