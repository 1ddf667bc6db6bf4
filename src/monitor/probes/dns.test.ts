import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { freePort } from '../../testing/services.js';
import { probeOnce } from '../../testing/probes.js';

let server: RunningDnsServer;

beforeAll(async () => {
  server = await startDnsServer({
    'app.example.test A': ['192.0.2.10', '192.0.2.11'],
    '_dmarc.example.test TXT': [['v=DMARC1; ', 'p=reject; rua=mailto:d@example.test']],
    'example.test MX': [{ preference: 10, exchange: 'mail.example.test' }],
    'weak.example.test TXT': ['v=DMARC1; p=none'],
  });
});
afterAll(() => server.close());

const dns = (fields: Record<string, unknown>) => ({ ...fields, server: server.address });

describe('dns probe', () => {
  it('is up when the name has records of the type', async () => {
    const sample = await probeOnce({ dns: dns({ name: 'app.example.test' }), expect: ["answers == '192.0.2.11'"] });
    expect(sample).toMatchObject({ ok: true });
    expect(sample.latencyMs).toBeGreaterThan(0);
  });

  it('joins TXT strings and checks dns.expect', async () => {
    expect(await probeOnce({ dns: dns({ name: '_dmarc.example.test', type: 'TXT', expect: "contains 'p=reject'" }) })).toMatchObject({ ok: true });
    expect(await probeOnce({ dns: dns({ name: 'weak.example.test', type: 'TXT', expect: "contains 'p=reject'" }) })).toMatchObject({
      ok: false,
      reason: "contains 'p=reject': got 'v=DMARC1; p=none'",
    });
  });

  it('writes MX answers as "priority exchange"', async () => {
    expect(await probeOnce({ dns: dns({ name: 'example.test', type: 'MX', expect: "== '10 mail.example.test'" }) })).toMatchObject({ ok: true });
  });

  it('is down on NXDOMAIN and on NODATA', async () => {
    expect(await probeOnce({ dns: dns({ name: 'gone.example.test' }) })).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
    expect(await probeOnce({ dns: dns({ name: 'app.example.test', type: 'TXT' }) })).toMatchObject({ ok: false, reason: 'NODATA (no answers)' });
  });

  it('is down when nothing listens on the server port', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    expect(await probeOnce({ dns: { name: 'app.example.test', server: closed } })).toMatchObject({ ok: false, reason: 'DNS server connection refused' });
  });

  it('is down within the timeout when the server swallows queries', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      const sample = await probeOnce({ dns: { name: 'app.example.test', server: `127.0.0.1:${silent.address().port}` }, timeout: '600ms' });
      expect(sample.ok).toBe(false);
      expect(sample.reason).toMatch(/^(no answer from the DNS server|timeout after 600ms)$/);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      silent.close();
    }
  });
});
