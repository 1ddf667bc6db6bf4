import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, selfSignedCertificate } from '../../testing/local-ca.js';
import { keyStrength } from './key-strength.js';

describe('tls/key-strength', () => {
  const servers: Record<string, RunningServer> = {};

  beforeAll(async () => {
    const ca = await createLocalCa();
    const certificates = {
      ec256: await ca.issue(),
      rsa2048: await selfSignedCertificate({ keyType: 'rsa', keySize: 2048 }),
      rsa1024: await selfSignedCertificate({ keyType: 'rsa', keySize: 1024 }),
    };
    await Promise.all(
      Object.entries(certificates).map(async ([name, tls]) => {
        servers[name] = await startServer(routes({ '/': { body: 'ok' } }), { tls });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  const run = (name: string) => runLiveCheck(keyStrength, { targets: { sites: [servers[name]!.origin] } });

  it('passes EC P-256 and RSA 2048 keys, trusted or not (trust is tls/certificate-valid)', async () => {
    expect((await run('ec256')).map((r) => r.status)).toEqual(['pass']);
    expect((await run('rsa2048')).map((r) => [r.status, r.data])).toEqual([['pass', { keyType: 'RSA', keyBits: 2048 }]]);
  });

  it('reports an RSA 1024 key', async () => {
    const results = await run('rsa1024');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'weakKey', `127.0.0.1:${servers.rsa1024!.port}: the certificate has an RSA key of 1024 bits (minimum 2048)`]]);
    expect(results[0]!.evidence).toMatch(/issuer: localhost; .*; key: RSA 1024 bits$/);
    expect(results[0]!.data).toEqual({ keyType: 'RSA', keyBits: 1024 });
  });
});
