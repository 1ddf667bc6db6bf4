import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { dmarcReports } from './dmarc-reports.js';

describe('dns/dmarc-reports', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    const mx = [{ preference: 10, exchange: 'mx.reports.test' }];
    dns = await startDnsServer({
      '_dmarc.own.test TXT': ['v=DMARC1; p=reject; rua=mailto:dmarc@own.test; ruf=mailto:f@sub.own.test'],
      'own.test MX': mx,
      'sub.own.test A': ['192.0.2.1'],
      '_dmarc.vendor.test TXT': ['v=DMARC1; p=reject; rua=mailto:x@reports.test!10m'],
      'reports.test MX': mx,
      'vendor.test._report._dmarc.reports.test TXT': ['v=DMARC1'],
      '_dmarc.sub.parent.test TXT': [],
      '_dmarc.parent.test TXT': ['v=DMARC1; p=reject; rua=mailto:x@reports.test'],
      'parent.test._report._dmarc.reports.test TXT': ['v=DMARC1'],
      '_dmarc.unauth.test TXT': ['v=DMARC1; p=reject; rua=mailto:x@reports.test,mailto:y@unauth.test; ruf=mailto:z@forensic.test'],
      'unauth.test MX': mx,
      'forensic.test MX': mx,
      'forensic.test TXT': ['v=DMARC1'],
      '_dmarc.dead.test TXT': ['v=DMARC1; p=reject; rua=mailto:x@gone.test,mailto:y@nomail.test'],
      'nomail.test MX': [{ preference: 0, exchange: '.' }],
      '_dmarc.quiet.test TXT': ['v=DMARC1; p=reject'],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[]) => runLiveCheck(dmarcReports, { targets: { domains }, dnsServer: dns.address });
  const outcomes = (results: Result[]) => results.map((r) => [r.target, r.status, r.messageId ?? '', r.message ?? '']);

  it('passes destinations of the own domain, an authorizing vendor, a parent record authorized for the parent; skips a record without destinations', async () => {
    expect((await run(['own.test', 'vendor.test', 'sub.parent.test', 'quiet.test', 'nodmarc.test'])).map((r) => [r.target, r.status])).toEqual([
      ['own.test', 'pass'],
      ['sub.parent.test', 'pass'],
      ['vendor.test', 'pass'],
    ]);
  });

  it('fails an external destination without authorization, and destinations that cannot receive mail (their authorization is then moot)', async () => {
    expect(outcomes(await run(['unauth.test', 'dead.test']))).toEqual([
      ['dead.test', 'fail', 'cannotReceive', 'rua destination x@gone.test: gone.test cannot receive mail (no MX nor address record)'],
      ['dead.test', 'fail', 'cannotReceive', 'rua destination y@nomail.test: nomail.test cannot receive mail (null MX)'],
      ['unauth.test', 'fail', 'notAuthorized', 'ruf destination z@forensic.test is at another domain that does not accept reports for unauth.test: no v=DMARC1 at unauth.test._report._dmarc.forensic.test, receivers send no reports there'],
      ['unauth.test', 'fail', 'notAuthorized', 'rua destination x@reports.test is at another domain that does not accept reports for unauth.test: no v=DMARC1 at unauth.test._report._dmarc.reports.test, receivers send no reports there'],
    ]);
  });

  it('points at the authorization name', async () => {
    const results = await run(['unauth.test']);
    expect(results.find((r) => r.message?.startsWith('rua'))!.location).toEqual({ kind: 'dns', name: 'unauth.test._report._dmarc.reports.test', type: 'TXT' });
  });
});
