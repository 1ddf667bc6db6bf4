import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { dmarc } from './dmarc.js';

describe('dns/dmarc', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      '_dmarc.good.test TXT': ['v=DMARC1; p=reject; rua=mailto:dmarc@good.test'],
      '_dmarc.strict.test TXT': ['v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=s; rua=mailto:dmarc@strict.test'],
      'sub.good.test A': ['192.0.2.1'],
      '_dmarc.none.test TXT': ['v=DMARC1; p=none; rua=mailto:dmarc@none.test'],
      '_dmarc.subnone.test TXT': ['v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@subnone.test'],
      '_dmarc.sample.test TXT': ['v=DMARC1; p=reject; pct=20; rua=mailto:dmarc@sample.test'],
      '_dmarc.quiet.test TXT': ['v=DMARC1; p=reject'],
      '_dmarc.broken.test TXT': ['v=DMARC1; p=rejected; rua=mailto:d@broken.test'],
      '_dmarc.twice.test TXT': ['v=DMARC1; p=reject; rua=mailto:a@twice.test', 'v=DMARC1; p=none; rua=mailto:a@twice.test'],
      'nodmarc.test TXT': ['v=spf1 -all'],
      // A record at a public suffix is no organisational domain's policy.
      '_dmarc.co.uk TXT': ['v=DMARC1; p=reject; rua=mailto:dmarc@co.uk'],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[], options?: Record<string, unknown>) => runLiveCheck(dmarc, { targets: { domains }, dnsServer: dns.address, ...(options ? { options } : {}) });
  const failures = (results: Result[]) => results.filter((r) => r.status === 'fail').map((r) => [r.target, r.messageId, r.message]);

  it('passes an enforcing policy with reports, and a subdomain covered by its parent', async () => {
    const results = await run(['good.test', 'strict.test', 'sub.good.test']);
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['good.test', 'pass'],
      ['strict.test', 'pass'],
      ['sub.good.test', 'pass'],
    ]);
  });

  it('fails a domain without DMARC anywhere (a public suffix is no parent), and one with two records', async () => {
    expect(failures(await run(['nodmarc.test', 'shop.example.co.uk', 'twice.test']))).toEqual([
      ['nodmarc.test', 'missing', 'no DMARC record at _dmarc.nodmarc.test (nor at a parent domain)'],
      ['shop.example.co.uk', 'missing', 'no DMARC record at _dmarc.shop.example.co.uk (nor at a parent domain)'],
      ['twice.test', 'multiple', '_dmarc.twice.test has 2 DMARC records: receivers ignore them all'],
    ]);
  });

  it('fails p=none, and a subdomain whose parent sets sp=none', async () => {
    expect(failures(await run(['none.test', 'www.subnone.test']))).toEqual([
      ['none.test', 'policyNone', 'DMARC policy for none.test is p=none: monitoring only, spoofed mail is delivered'],
      ['www.subnone.test', 'policyNone', 'DMARC policy for www.subnone.test is p=none: monitoring only, spoofed mail is delivered'],
    ]);
  });

  it('fails sp weaker than p, pct below 100, no rua and syntax errors', async () => {
    expect(failures(await run(['subnone.test', 'sample.test', 'quiet.test', 'broken.test']))).toEqual([
      ['broken.test', 'syntax', 'DMARC record at _dmarc.broken.test: p=rejected is not none, quarantine or reject'],
      ['quiet.test', 'noReports', 'DMARC record at _dmarc.quiet.test has no rua=: nobody receives aggregate reports'],
      ['sample.test', 'partialPct', 'DMARC record at _dmarc.sample.test applies its policy to pct=20% of failing mail only'],
      ['subnone.test', 'weakerSubdomains', 'DMARC record at _dmarc.subnone.test: sp=none is weaker than p=reject, subdomains are less protected'],
    ]);
  });

  it('reports relaxed alignment only when asked to', async () => {
    expect(failures(await run(['good.test', 'strict.test'], { requireStrictAlignment: true }))).toEqual([
      ['good.test', 'relaxedAlignment', 'DMARC record at _dmarc.good.test uses relaxed adkim alignment (informational; strict alignment is required here)'],
      ['good.test', 'relaxedAlignment', 'DMARC record at _dmarc.good.test uses relaxed aspf alignment (informational; strict alignment is required here)'],
    ]);
  });

  it('points at the _dmarc name', async () => {
    const [result] = await run(['quiet.test']);
    expect(result!.location).toEqual({ kind: 'dns', name: '_dmarc.quiet.test', type: 'TXT' });
  });
});
