import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { mtaStsPolicy } from './mta-sts-policy.js';

const POLICIES: Record<string, { status?: number; body: string }> = {
  'mta-sts.good.test': { body: 'version: STSv1\r\nmode: enforce\r\nmx: mx1.good.test\r\nmx: *.backup.test\r\nmax_age: 1209600\r\n' },
  'mta-sts.weak.test': { body: 'version: STSv1\nmode: testing\nmx: mx1.good.test\nmax_age: 3600\n' },
  'mta-sts.off.test': { body: 'version: STSv1\nmode: none\nmax_age: 86400\n' },
  'mta-sts.partial.test': { body: 'version: STSv1\nmode: enforce\nmx: mx1.good.test\nmax_age: 604800\n' },
  'mta-sts.broken.test': { body: 'version: STSv1\nmode: strict\nmx: mx1.good.test\nmax_age: 604800\n' },
  'mta-sts.moved.test': { status: 301, body: '' },
  'mta-sts.wrongcert.test': { body: 'version: STSv1\nmode: enforce\nmx: mx1.good.test\nmax_age: 604800\n' },
};

describe('dns/mta-sts-policy', () => {
  let dns: RunningDnsServer;
  let https: RunningServer;
  let ca: LocalCa;
  beforeAll(async () => {
    ca = await createLocalCa();
    const hosts = Object.keys(POLICIES).filter((host) => host !== 'mta-sts.wrongcert.test');
    https = await startServer(
      (request: IncomingMessage, response: ServerResponse) => {
        const policy = POLICIES[(request.headers.host ?? '').replace(/:\d+$/, '')];
        if (!policy || request.url !== '/.well-known/mta-sts.txt') response.writeHead(404).end();
        else response.writeHead(policy.status ?? 200, { 'content-type': 'text/plain', ...(policy.status === 301 ? { location: 'https://elsewhere.test/' } : {}) }).end(policy.body);
      },
      { tls: await ca.issue({ hosts }) },
    );
    const zone: Record<string, unknown[]> = {};
    for (const domain of ['good', 'weak', 'off', 'partial', 'broken', 'moved', 'wrongcert', 'nohost']) {
      zone[`${domain}.test MX`] = [{ preference: 10, exchange: 'mx1.good.test' }, ...(domain === 'good' || domain === 'partial' ? [{ preference: 20, exchange: 'mx2.backup.test' }] : [])];
      zone[`_mta-sts.${domain}.test TXT`] = ['v=STSv1; id=1'];
      if (domain !== 'nohost') zone[`mta-sts.${domain}.test A`] = ['127.0.0.1'];
    }
    zone['norecord.test MX'] = [{ preference: 10, exchange: 'mx1.good.test' }];
    zone['nullmx.test MX'] = [{ preference: 0, exchange: '.' }];
    zone['_mta-sts.nullmx.test TXT'] = ['v=STSv1; id=1'];
    dns = await startDnsServer(zone as Parameters<typeof startDnsServer>[0]);
  });
  afterAll(async () => {
    await dns.close();
    await https.close();
  });

  const run = (domains: string[]) => runLiveCheck(mtaStsPolicy, { targets: { domains }, dnsServer: dns.address, ca: [ca.cert], options: { port: https.port } });
  const outcomes = (results: Result[]) => results.map((r) => [r.target, r.messageId ?? r.status, r.message ?? '']);

  it('passes an enforcing, long-lived policy covering every MX (a wildcard one label deep); skips domains without MX, with a null MX or no TXT record', async () => {
    expect((await run(['good.test', 'norecord.test', 'nullmx.test'])).map((r) => [r.target, r.status, r.evidence])).toEqual([
      ['good.test', 'pass', 'mode: enforce, max_age: 1209600, mx: mx1.good.test, *.backup.test'],
    ]);
  });

  it('fails testing and none modes, a short max_age, an uncovered MX and a malformed policy', async () => {
    expect(outcomes(await run(['weak.test', 'off.test', 'partial.test', 'broken.test']))).toEqual([
      ['broken.test', 'invalid', `the MTA-STS policy at https://mta-sts.broken.test:${https.port}/.well-known/mta-sts.txt: mode: strict is not enforce, testing or none`],
      ['off.test', 'modeNone', 'the MTA-STS policy of off.test is mode: none: the policy is withdrawn, no protection'],
      ['partial.test', 'mxUncovered', 'MX host mx2.backup.test of partial.test matches no mx: pattern of its MTA-STS policy (mx1.good.test): senders enforcing it refuse to deliver there'],
      ['weak.test', 'shortMaxAge', 'the MTA-STS policy of weak.test has max_age: 3600 (below 86400 s): it expires between visits; RFC 8461 recommends weeks'],
      ['weak.test', 'modeTesting', 'the MTA-STS policy of weak.test is mode: testing: failures are reported but mail is still delivered without TLS'],
    ]);
  });

  it('fails a policy host without address, a certificate for another name, and a redirect: no protection', async () => {
    expect(outcomes(await run(['nohost.test', 'wrongcert.test', 'moved.test']))).toEqual([
      ['moved.test', 'badStatus', `the MTA-STS policy at https://mta-sts.moved.test:${https.port}/.well-known/mta-sts.txt answers HTTP 301 (senders need 200, redirects are not followed): moved.test has no MTA-STS protection`],
      ['wrongcert.test', 'fetchFailed', `the MTA-STS policy at https://mta-sts.wrongcert.test:${https.port}/.well-known/mta-sts.txt cannot be fetched over valid HTTPS (ERR_TLS_CERT_ALTNAME_INVALID): wrongcert.test has no MTA-STS protection`],
      ['nohost.test', 'hostUnresolved', 'the MTA-STS policy host mta-sts.nohost.test has no address: senders cannot fetch the policy, nohost.test has no MTA-STS protection'],
    ]);
  });
});
