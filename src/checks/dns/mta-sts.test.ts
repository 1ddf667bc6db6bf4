import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { mtaSts } from './mta-sts.js';

describe('dns/mta-sts', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    const mx = [{ preference: 10, exchange: 'mx.mail.test' }];
    dns = await startDnsServer({
      'good.test MX': mx,
      '_mta-sts.good.test TXT': ['v=STSv1; id=20260101T000000'],
      'none.test MX': mx,
      'twice.test MX': mx,
      '_mta-sts.twice.test TXT': ['v=STSv1; id=1', 'v=STSv1; id=2'],
      'badid.test MX': mx,
      '_mta-sts.badid.test TXT': ['v=STSv1; id=2026-01-01'],
      'nomail.test A': ['192.0.2.1'],
      'nullmx.test MX': [{ preference: 0, exchange: '.' }],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[]) => runLiveCheck(mtaSts, { targets: { domains }, dnsServer: dns.address });

  it('passes a valid record, and skips domains without MX', async () => {
    expect((await run(['good.test', 'nomail.test'])).map((r) => [r.target, r.status])).toEqual([['good.test', 'pass']]);
  });

  it('passes a domain with a null MX (RFC 7505): it receives no mail', async () => {
    expect((await run(['nullmx.test'])).map((r) => [r.target, r.status, r.evidence])).toEqual([
      ['nullmx.test', 'pass', 'nullmx.test publishes a null MX (MX 0 ".", RFC 7505): it receives no mail, so no MTA-STS record is needed'],
    ]);
  });

  it('fails a missing, duplicated or malformed record', async () => {
    const results = await run(['none.test', 'twice.test', 'badid.test']);
    expect(results.map((r) => [r.target, r.messageId, r.message])).toEqual([
      ['badid.test', 'invalid', 'MTA-STS record at _mta-sts.badid.test: id=2026-01-01 is not 1 to 32 letters and digits'],
      ['none.test', 'missing', 'none.test receives mail (MX) but publishes no MTA-STS record at _mta-sts.none.test'],
      ['twice.test', 'multiple', '_mta-sts.twice.test has 2 MTA-STS records: senders treat that as no policy'],
    ]);
  });
});
