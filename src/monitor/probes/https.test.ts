import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { createLocalCa, selfSignedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { probeOnce, testEnv } from '../../testing/probes.js';

const DAY = 86_400_000;
/** Certificates keep whole seconds: times the tests compare exactly are second-aligned. */
const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
let ca: LocalCa;
const servers: RunningServer[] = [];

async function site(certificate: { key: string; cert: string }): Promise<string> {
  const server = await startServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), { tls: certificate });
  servers.push(server);
  return `${server.origin}/`;
}

let good: string;
let expiring: string;
let expired: string;
let selfSigned: string;
let wrongHost: string;
let notAfter: Date;

beforeAll(async () => {
  ca = await createLocalCa();
  notAfter = second(Date.now() + 60 * DAY);
  good = await site(await ca.issue({ notAfter }));
  expiring = await site(await ca.issue({ notAfter: second(Date.now() + 3 * DAY + 3_600_000 + 60_000) }));
  expired = await site(await ca.issue({ notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - 2 * DAY) }));
  selfSigned = await site(await selfSignedCertificate());
  wrongHost = await site(await ca.issue({ hosts: ['other.example'], ips: ['10.9.9.9'] }));
});
afterAll(() => Promise.all(servers.map((server) => server.close())));

describe('https probe', () => {
  it('is up with a certificate from a trusted CA, and reports its notAfter and TLS phase', async () => {
    const sample = await probeOnce({ http: good, expect: ['status == 200', 'cert.expires > 14d', 'latency.tls < 2s'] }, testEnv([ca.cert]));
    expect(sample).toMatchObject({ ok: true, status: 200 });
    expect(Object.keys(sample.phases ?? {}).sort()).toEqual(['connectMs', 'dnsMs', 'firstByteMs', 'tlsMs']);
    expect(sample.phases!.tlsMs).toBeGreaterThan(0);
  });

  it('fails cert.expires when the certificate expires too soon', async () => {
    const sample = await probeOnce({ http: expiring, expect: ['cert.expires > 14d'] }, testEnv([ca.cert]));
    expect(sample).toMatchObject({ ok: false, status: 200, reason: 'cert.expires > 14d: expires in 3d 1h' });
  });

  it('evaluates cert.expires at the env clock', async () => {
    const later = () => notAfter.getTime() - 10 * DAY;
    const sample = await probeOnce({ http: good, expect: ['cert.expires > 14d'] }, testEnv([ca.cert], later));
    expect(sample).toMatchObject({ ok: false, reason: 'cert.expires > 14d: expires in 10d' });
  });

  it('is down when the certificate has expired, is untrusted or names another host', async () => {
    expect(await probeOnce({ http: expired }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'certificate has expired' });
    expect(await probeOnce({ http: good }, testEnv())).toMatchObject({ ok: false, reason: 'certificate is not trusted' });
    expect(await probeOnce({ http: selfSigned }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'self-signed certificate' });
    expect(await probeOnce({ http: wrongHost }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'certificate does not match the host name' });
  });
});
