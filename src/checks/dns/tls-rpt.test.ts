import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { tlsRpt } from './tls-rpt.js';

describe('dns/tls-rpt', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    const mx = [{ preference: 10, exchange: 'mx.mail.test' }];
    dns = await startDnsServer({
      'good.test MX': mx,
      '_smtp._tls.good.test TXT': ['v=TLSRPTv1; rua=mailto:tls@good.test'],
      'none.test MX': mx,
      'twice.test MX': mx,
      '_smtp._tls.twice.test TXT': ['v=TLSRPTv1; rua=mailto:a@twice.test', 'v=TLSRPTv1; rua=mailto:b@twice.test'],
      'bad.test MX': mx,
      '_smtp._tls.bad.test TXT': ['v=TLSRPTv1; rua=tls@bad.test'],
      'nomail.test A': ['192.0.2.1'],
      'nullmx.test MX': [{ preference: 0, exchange: '.' }],
    });
  });
  afterAll(() => dns.close());

  const run = (domains: string[]) => runLiveCheck(tlsRpt, { targets: { domains }, dnsServer: dns.address });

  it('passes a valid record, and skips domains without MX', async () => {
    expect((await run(['good.test', 'nomail.test'])).map((r) => [r.target, r.status])).toEqual([['good.test', 'pass']]);
  });

  it('passes a domain with a null MX (RFC 7505): it receives no mail', async () => {
    expect((await run(['nullmx.test'])).map((r) => [r.target, r.status, r.evidence])).toEqual([
      ['nullmx.test', 'pass', 'nullmx.test publishes a null MX (MX 0 ".", RFC 7505): it receives no mail, so no TLS-RPT record is needed'],
    ]);
  });

  it('fails a missing, duplicated or malformed record', async () => {
    const results = await run(['none.test', 'twice.test', 'bad.test']);
    expect(results.map((r) => [r.target, r.messageId, r.message])).toEqual([
      ['bad.test', 'invalid', 'TLS-RPT record at _smtp._tls.bad.test: rua: "tls@bad.test" is not a mailto: or https: URI'],
      ['none.test', 'missing', 'none.test receives mail (MX) but publishes no TLS-RPT record at _smtp._tls.none.test'],
      ['twice.test', 'multiple', '_smtp._tls.twice.test has 2 TLS-RPT records: senders ignore them all'],
    ]);
  });
});
