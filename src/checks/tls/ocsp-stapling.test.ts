import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { ocspStapling } from './ocsp-stapling.js';

describe('tls/ocsp-stapling', () => {
  let ca: LocalCa;
  let plain: RunningServer;
  let stapling: Server;

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue();
    plain = await startServer(routes({ '/': { body: 'ok' } }), { tls });
    // A server that staples: node hands the client whatever the OCSPRequest handler returns.
    stapling = createServer(tls, (socket) => socket.end());
    stapling.on('OCSPRequest', (_certificate: Buffer, _issuer: Buffer, callback: (error: Error | null, response?: Buffer) => void) => callback(null, Buffer.from('stapled OCSP response')));
    await new Promise<void>((resolve) => stapling.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await Promise.all([plain.close(), new Promise<void>((resolve) => stapling.close(() => resolve()))]);
  });

  it('passes a server that staples a response', async () => {
    const { port } = stapling.address() as AddressInfo;
    const results = await runLiveCheck(ocspStapling, { targets: { sites: [`https://127.0.0.1:${port}`] }, ca: [ca.cert] });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('reports a server that staples nothing, naming the issuer', async () => {
    const results = await runLiveCheck(ocspStapling, { targets: { sites: [plain.origin] }, ca: [ca.cert] });
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([['fail', 'notStapled', `127.0.0.1:${plain.port} does not staple an OCSP response`, 'issuer: harden test CA']]);
  });
});
