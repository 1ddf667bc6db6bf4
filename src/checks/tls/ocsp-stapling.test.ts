import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { ocspResponse } from '../../testing/ocsp.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { ocspStapling } from './ocsp-stapling.js';

describe('tls/ocsp-stapling', () => {
  let ca: LocalCa;
  let plain: RunningServer;
  let garbage: Server;
  const stapling: Record<string, OpensslServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue();
    plain = await startServer(routes({ '/': { body: 'ok' } }), { tls });
    // openssl s_server staples the response in -status_file as it is.
    for (const status of ['good', 'revoked', 'unknown'] as const) {
      stapling[status] = await startOpensslServer({ ...tls, args: ['-status_file', '{dir}/ocsp.der'], files: { 'ocsp.der': ocspResponse(ca, tls.cert, status) } });
    }
    // Node hands the client whatever the OCSPRequest handler returns.
    garbage = createServer(tls, (socket) => socket.end());
    garbage.on('OCSPRequest', (_certificate: Buffer, _issuer: Buffer, callback: (error: Error | null, response?: Buffer) => void) => callback(null, Buffer.from('stapled OCSP response')));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await Promise.all([plain.close(), ...Object.values(stapling).map((server) => server.close()), new Promise<void>((resolve) => garbage.close(() => resolve()))]);
  });

  const run = (origin: string) => runLiveCheck(ocspStapling, { targets: { sites: [origin] }, ca: [ca.cert] });

  it('passes a server that staples a current "good" response for its certificate', async () => {
    expect((await run(stapling.good!.origin)).map((r) => r.status)).toEqual(['pass']);
  });

  it('reports a staple that says revoked or unknown, with what the response says', async () => {
    const [revoked] = await run(stapling.revoked!.origin);
    expect([revoked!.status, revoked!.messageId, revoked!.message]).toEqual(['fail', 'badStaple', `127.0.0.1:${stapling.revoked!.port} staples an OCSP response that does not vouch for its certificate: it says the certificate is revoked`]);
    expect(revoked!.evidence).toMatch(/^certStatus revoked at 2026-01-02T03:04:05.000Z; thisUpdate /);
    const [unknown] = await run(stapling.unknown!.origin);
    expect([unknown!.status, unknown!.message]).toEqual(['fail', `127.0.0.1:${stapling.unknown!.port} staples an OCSP response that does not vouch for its certificate: the responder does not know the certificate`]);
  });

  it('reports stapled bytes that are no OCSP response', async () => {
    const { port } = garbage.address() as AddressInfo;
    const results = await run(`https://127.0.0.1:${port}`);
    expect(results.map((r) => [r.status, r.messageId])).toEqual([['fail', 'badStaple']]);
    expect(results[0]!.message).toMatch(/it is not a readable OCSP response$/);
  });

  it('reports a server that staples nothing, naming the issuer', async () => {
    const results = await run(plain.origin);
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([['fail', 'notStapled', `127.0.0.1:${plain.port} does not staple an OCSP response`, 'issuer: harden test CA']]);
  });
});
