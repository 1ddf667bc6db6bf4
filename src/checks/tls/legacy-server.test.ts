import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { checks } from '../tls.js';

/**
 * A server that speaks only TLS 1.0 (openssl s_server -tls1): the protocol check reports the
 * version, and every other TLS check still measures the certificate and TLS 1.3 instead of
 * failing on our client's default minimum version.
 */
describe('TLS checks on a TLS 1.0-only server', () => {
  let ca: LocalCa;
  let server: OpensslServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    server = await startOpensslServer({ ...(await ca.issue()), args: ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports the legacy version and measures the rest: no check errors', async () => {
    const outcome: Record<string, string[]> = {};
    for (const check of checks) {
      const results = await runLiveCheck(check, { targets: { sites: [server.origin] }, ca: [ca.cert] });
      outcome[check.id] = results.map((r) => `${r.status}${r.messageId ? ` ${r.messageId}` : ''}`);
    }
    expect(outcome).toMatchObject({
      'tls/certificate-expiry': ['pass'],
      'tls/certificate-transparency': [],
      'tls/certificate-valid': ['pass'],
      'tls/key-strength': ['pass'],
      'tls/ocsp-stapling': ['fail notStapled'],
      'tls/protocol-versions': ['fail tls10'],
      'tls/session-ticket-lifetime': ['pass'],
      'tls/tls13': ['fail notOffered'],
    });
    expect(Object.values(outcome).flat().filter((status) => status.startsWith('error'))).toEqual([]);
  });
});
