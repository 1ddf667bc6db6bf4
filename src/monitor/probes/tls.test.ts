import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { freePort } from '../../testing/services.js';
import { probeOnce, testEnv } from '../../testing/probes.js';

const DAY = 86_400_000;
let ca: LocalCa;
const servers: RunningServer[] = [];

async function endpoint(notAfter: Date, hosts = ['localhost'], ips = ['127.0.0.1']): Promise<string> {
  const certificate = await ca.issue({ hosts, ips, notBefore: new Date(notAfter.getTime() - 90 * DAY), notAfter });
  const server = await startServer((_request, response) => response.end(), { tls: certificate });
  servers.push(server);
  return `127.0.0.1:${server.port}`;
}

let valid: string;
let soon: string;
let expired: string;
let named: string;

beforeAll(async () => {
  ca = await createLocalCa();
  valid = await endpoint(new Date(Date.now() + 45 * DAY));
  soon = await endpoint(new Date(Date.now() + 5 * DAY + 60_000));
  expired = await endpoint(new Date(Date.now() - DAY));
  named = await endpoint(new Date(Date.now() + 45 * DAY), ['status.example.test'], []);
});
afterAll(() => Promise.all(servers.map((server) => server.close())));

describe('tls probe', () => {
  it('is up when the handshake verifies, with the connect and handshake phases', async () => {
    const sample = await probeOnce({ tls: valid }, testEnv([ca.cert]));
    expect(sample).toMatchObject({ ok: true });
    expect(Object.keys(sample.phases ?? {}).sort()).toEqual(['connectMs', 'dnsMs', 'tlsMs']);
    expect(sample.status).toBeUndefined();
  });

  it('checks cert.expires against the leaf notAfter', async () => {
    expect(await probeOnce({ tls: valid, expect: ['cert.expires > 30d'] }, testEnv([ca.cert]))).toMatchObject({ ok: true });
    expect(await probeOnce({ tls: soon, expect: ['cert.expires > 14d'] }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'cert.expires > 14d: expires in 5d' });
  });

  it('is down when the certificate has expired or is not trusted', async () => {
    expect(await probeOnce({ tls: expired }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'certificate has expired' });
    expect(await probeOnce({ tls: valid }, testEnv())).toMatchObject({ ok: false, reason: 'certificate is not trusted' });
  });

  it('verifies the certificate for servername when one is given', async () => {
    expect(await probeOnce({ tls: { address: named, servername: 'status.example.test' } }, testEnv([ca.cert]))).toMatchObject({ ok: true });
    expect(await probeOnce({ tls: named }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'certificate does not match the host name' });
  });

  it('is down when nothing listens', async () => {
    expect(await probeOnce({ tls: `127.0.0.1:${await freePort()}` }, testEnv([ca.cert]))).toMatchObject({ ok: false, reason: 'connection refused' });
  });
});
