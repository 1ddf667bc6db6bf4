import type { SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshake } from '../../targets/tls/handshake.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa } from '../../testing/local-ca.js';
import { protocolVersions } from './protocol-versions.js';

const ca = await createLocalCa();
const certificate = await ca.issue();

function serve(minVersion: SecureVersion, maxVersion: SecureVersion): Promise<RunningServer> {
  // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level: the legacy servers lower it.
  const legacy = minVersion === 'TLSv1' || minVersion === 'TLSv1.1';
  return startServer(routes({ '/': { body: 'ok' } }), { tls: { ...certificate, minVersion, maxVersion, ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}) } });
}

/** Whether this machine's OpenSSL negotiates TLS 1.0 with itself at all (some builds compile it out). */
async function legacyNegotiates(): Promise<boolean> {
  const server = await serve('TLSv1', 'TLSv1');
  try {
    const result = await handshake({ host: '127.0.0.1', port: server.port, timeoutMs: 2000, minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    return result.protocol === 'TLSv1';
  } catch {
    return false;
  } finally {
    await server.close();
  }
}
const legacySupported = await legacyNegotiates();

describe('tls/protocol-versions', () => {
  const servers: Record<string, RunningServer> = {};

  beforeAll(async () => {
    servers.modern = await serve('TLSv1.2', 'TLSv1.3');
    if (legacySupported) {
      servers.tls10 = await serve('TLSv1', 'TLSv1');
      servers.tls11 = await serve('TLSv1.1', 'TLSv1.1');
      servers.wide = await serve('TLSv1', 'TLSv1.3');
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  const run = (name: string) => runLiveCheck(protocolVersions, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] });

  it('passes a server that accepts TLS 1.2 and 1.3 only', async () => {
    expect((await run('modern')).map((r) => [r.status, r.data])).toEqual([['pass', { tls10: false, tls11: false }]]);
  });

  // Skipped only where this machine's OpenSSL cannot speak TLS 1.0 even at SECLEVEL=0: then neither side of the test can.
  it.skipIf(!legacySupported)('reports a TLS 1.0-only server and a TLS 1.1-only server, each by its version', async () => {
    const tls10 = await run('tls10');
    expect(tls10.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'tls10', `127.0.0.1:${servers.tls10!.port} accepts TLS 1.0`]]);
    const tls11 = await run('tls11');
    expect(tls11.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'tls11', `127.0.0.1:${servers.tls11!.port} accepts TLS 1.1`]]);
  });

  it.skipIf(!legacySupported)('reports both legacy versions on a server that also speaks TLS 1.3', async () => {
    expect((await run('wide')).map((r) => [r.messageId, r.data])).toEqual([
      ['tls10', { tls10: true, tls11: true }],
      ['tls11', { tls10: true, tls11: true }],
    ]);
  });

  it('turns an unreachable endpoint into an error, not a pass', async () => {
    const results = await runLiveCheck(protocolVersions, { targets: { sites: ['https://127.0.0.1:9'] }, timeoutMs: 1000 });
    expect(results.map((r) => r.status)).toEqual(['error']);
  });
});
