import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, selfSignedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { ocspResponse } from '../../testing/ocsp.js';
import { startOpensslServer } from '../../testing/openssl-server.js';
import { certificateValid } from './certificate-valid.js';

const DAY = 86_400_000;

describe('tls/certificate-valid', () => {
  let ca: LocalCa;
  const servers: Record<string, RunningServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    const otherCa = await createLocalCa();
    const certificates = {
      valid: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }),
      expired: await ca.issue({ notBefore: new Date('2024-01-01'), notAfter: new Date('2024-06-01') }),
      notYetValid: await ca.issue({ notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 100 * DAY) }),
      wrongHost: await ca.issue({ hosts: ['wrong.example'], ips: [] }),
      selfSigned: await selfSignedCertificate(),
      otherCa: await otherCa.issue(),
      clientOnly: await ca.issue({ purpose: 'clientAuth' }),
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

  async function run(name: string) {
    const results = await runLiveCheck(certificateValid, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] });
    expect(results).toHaveLength(1);
    return results[0]!;
  }

  it('passes a chain from the trusted CA that names the host', async () => {
    expect((await run('valid')).status).toBe('pass');
  });

  it('reports an expired certificate with its issuer and end date', async () => {
    const result = await run('expired');
    expect([result.status, result.messageId]).toEqual(['fail', 'expired']);
    expect(result.message).toBe(`127.0.0.1:${servers.expired!.port}: the certificate expired on 2024-06-01T00:00:00.000Z`);
    expect(result.evidence).toMatch(/^CERT_HAS_EXPIRED; subject: localhost; issuer: harden test CA; valid: 2024-01-01T00:00:00.000Z to 2024-06-01T00:00:00.000Z/);
    expect(result.location).toEqual({ kind: 'host', host: '127.0.0.1', port: servers.expired!.port });
  });

  it('reports a certificate whose stapled OCSP response says revoked, though its chain verifies (openssl s_server)', async () => {
    const leaf = await ca.issue();
    const revoked = await startOpensslServer({ ...leaf, args: ['-status_file', '{dir}/ocsp.der'], files: { 'ocsp.der': ocspResponse(ca, leaf.cert, 'revoked', new Date('2026-03-04T05:06:07Z')) } });
    const good = await startOpensslServer({ ...leaf, args: ['-status_file', '{dir}/ocsp.der'], files: { 'ocsp.der': ocspResponse(ca, leaf.cert, 'good') } });
    try {
      const results = await runLiveCheck(certificateValid, { targets: { sites: [revoked.origin] }, ca: [ca.cert] });
      expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
        ['fail', 'revoked', `127.0.0.1:${revoked.port}: the certificate was revoked on 2026-03-04T05:06:07.000Z, says the OCSP response the server staples`],
      ]);
      expect(results[0]!.evidence).toMatch(/^stapled OCSP response: certStatus revoked at 2026-03-04T05:06:07.000Z; thisUpdate /);
      expect((await runLiveCheck(certificateValid, { targets: { sites: [good.origin] }, ca: [ca.cert] })).map((r) => r.status)).toEqual(['pass']);
    } finally {
      await Promise.all([revoked.close(), good.close()]);
    }
  });

  it('reports a certificate that is not valid yet', async () => {
    const result = await run('notYetValid');
    expect([result.status, result.messageId]).toEqual(['fail', 'notYetValid']);
    expect(result.evidence).toMatch(/^CERT_NOT_YET_VALID; /);
  });

  it('reports a certificate made out for another name (no IP SAN for 127.0.0.1)', async () => {
    const result = await run('wrongHost');
    expect([result.status, result.messageId]).toEqual(['fail', 'hostMismatch']);
    expect(result.message).toBe(`127.0.0.1:${servers.wrongHost!.port}: the certificate is not valid for 127.0.0.1`);
    expect(result.evidence).toContain('names: wrong.example');
  });

  it('reports a self-signed certificate', async () => {
    const result = await run('selfSigned');
    expect([result.status, result.messageId]).toEqual(['fail', 'selfSigned']);
    expect(result.evidence).toMatch(/^DEPTH_ZERO_SELF_SIGNED_CERT; /);
  });

  it('reports a chain from a CA the client does not trust', async () => {
    const results = await runLiveCheck(certificateValid, { targets: { sites: [servers.valid!.origin] } });
    expect(results.map((r) => [r.status, r.messageId])).toEqual([['fail', 'untrusted']]);
    expect(results[0]!.message).toMatch(/: the certificate chain does not lead to a trusted CA \(UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)\)$/);
  });

  it('reports a chain signed by another key under a trusted CA name as untrusted', async () => {
    const result = await run('otherCa');
    expect([result.status, result.messageId]).toEqual(['fail', 'untrusted']);
    expect(result.message).toContain('(CERT_SIGNATURE_FAILURE)');
  });

  it('reports any other verification failure by its OpenSSL name: a client-only certificate', async () => {
    const result = await run('clientOnly');
    expect([result.status, result.messageId]).toEqual(['fail', 'invalid']);
    expect(result.message).toBe(`127.0.0.1:${servers.clientOnly!.port}: the certificate does not verify (INVALID_PURPOSE)`);
  });

  it('has no target on a plain-http site: TLS endpoints come from https sites only', async () => {
    const plain = await startServer(routes({ '/': { body: 'ok' } }));
    try {
      expect(await runLiveCheck(certificateValid, { targets: { sites: [plain.origin] } })).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
