import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCheck } from '../../checks/define.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { NO_LIVE_TARGETS, siteSchema } from './config.js';
import { LiveClients } from './targets.js';

const nosniff = defineCheck({
  id: 'http/test-nosniff',
  title: 'test',
  severity: 'low',
  target: 'site',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { missing: '{url} sends no X-Content-Type-Options' },
  async evaluate(site, ctx) {
    const response = await site.get();
    if (!response.headers.get('x-content-type-options')?.includes('nosniff')) ctx.fail(site.at(), 'missing', { url: site.url.toString() });
  },
});

const tlsExpiry = defineCheck({
  id: 'tls/test-expiry',
  title: 'test',
  severity: 'high',
  target: 'tls-endpoint',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { bad: '{endpoint}: {error}' },
  async evaluate(endpoint, ctx) {
    const result = await endpoint.handshake();
    if (!result.authorized) ctx.fail(endpoint.location, 'bad', { endpoint: endpoint.identity, error: result.authorizationError ?? '' });
  },
});

const dmarc = defineCheck({
  id: 'dns/test-dmarc',
  title: 'test',
  severity: 'medium',
  target: 'domain',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { none: 'no DMARC record for {domain}' },
  async evaluate(domain, ctx) {
    const records = await domain.dns.txt(`_dmarc.${domain.name}`);
    if (!records.some((r) => r.startsWith('v=DMARC1'))) ctx.fail(domain.location, 'none', { domain: domain.name });
  },
});

describe('live targets through the engine', () => {
  let ca: LocalCa;
  let good: RunningServer;
  let bare: RunningServer;
  let expired: RunningServer;
  let dns: RunningDnsServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    const valid = await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] });
    const old = await ca.issue({ ips: ['127.0.0.1'], notBefore: new Date('2024-01-01'), notAfter: new Date('2024-06-01') });
    good = await startServer(routes({ '/': { headers: { 'x-content-type-options': 'nosniff' }, body: 'ok' } }), { tls: valid });
    bare = await startServer(routes({ '/': { body: 'ok' } }));
    expired = await startServer(routes({ '/': { body: 'ok' } }), { tls: old });
    dns = await startDnsServer({ '_dmarc.good.test TXT': ['v=DMARC1; p=reject'], 'bad.test A': ['127.0.0.1'] });
  });
  afterAll(async () => {
    await Promise.all([good.close(), bare.close(), expired.close(), dns.close()]);
  });

  it('fetches each site once through the shared client and reports by URL', async () => {
    const results = await runLiveCheck(nosniff, { targets: { sites: [good.origin, bare.origin] }, ca: [ca.cert] });
    // Ordered by URL: http:// sorts before https://.
    expect(results.map((r) => [r.status, r.location])).toEqual([
      ['fail', { kind: 'url', url: `${bare.origin}/` }],
      ['pass', { kind: 'url', url: `${good.origin}/` }],
    ]);
  });

  it('inspects TLS: a chain from the trusted CA passes, an expired certificate fails', async () => {
    const results = await runLiveCheck(tlsExpiry, { targets: { sites: [good.origin, expired.origin] }, ca: [ca.cert] });
    const byTarget = Object.fromEntries(results.map((r) => [r.target, r]));
    expect(byTarget[`127.0.0.1:${good.port}`]!.status).toBe('pass');
    expect(byTarget[`127.0.0.1:${expired.port}`]!.status).toBe('fail');
    expect(byTarget[`127.0.0.1:${expired.port}`]!.message).toContain('CERT_HAS_EXPIRED');
  });

  it('asks the DNS server it is given', async () => {
    const results = await runLiveCheck(dmarc, { targets: { domains: ['good.test', 'bad.test', 'missing.test'] }, dnsServer: dns.address });
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['bad.test', 'fail'],
      ['good.test', 'pass'],
      ['missing.test', 'fail'],
    ]);
  });

  it('turns an unreachable site into an error result, not a crash', async () => {
    const results = await runLiveCheck(nosniff, { targets: { sites: ['http://127.0.0.1:9'] }, timeoutMs: 1000 });
    expect(results.map((r) => r.status)).toEqual(['error']);
    expect(results[0]!.message).toMatch(/^check http\/test-nosniff could not run: /);
  });
});

describe('secret references of the site probes', () => {
  it('resolve a relative file: reference from the plan folder, and env: from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-plan-'));
    writeFileSync(join(dir, 'token.txt'), 'Bearer from-a-file\n');
    process.env.HARDEN_TEST_SITE_SECRET = 'from-the-environment';
    const live = new LiveClients({ ...NO_LIVE_TARGETS, sites: [siteSchema.parse('https://shop.test')], planDir: dir });
    try {
      const [site] = live.sites();
      expect(site!.secret('file:token.txt')).toBe('Bearer from-a-file');
      expect(site!.secret('env:HARDEN_TEST_SITE_SECRET')).toBe('from-the-environment');
      expect(() => site!.secret('file:missing.txt')).toThrow(/secret file:missing.txt cannot be read/);
    } finally {
      await live.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
