import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { tls13 } from './tls13.js';

describe('tls/tls13', () => {
  let ca: LocalCa;
  let modern: RunningServer;
  let tls12Only: RunningServer;

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue();
    modern = await startServer(routes({ '/': { body: 'ok' } }), { tls });
    tls12Only = await startServer(routes({ '/': { body: 'ok' } }), { tls: { ...tls, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } });
  });
  afterAll(async () => {
    await Promise.all([modern.close(), tls12Only.close()]);
  });

  it('passes a server that offers TLS 1.3', async () => {
    const results = await runLiveCheck(tls13, { targets: { sites: [modern.origin] }, ca: [ca.cert] });
    expect(results.map((r) => [r.status, r.data])).toEqual([['pass', { tls13: true, protocol: 'TLSv1.3' }]]);
  });

  it('reports a TLS 1.2-only server as "no TLS 1.3"', async () => {
    const results = await runLiveCheck(tls13, { targets: { sites: [tls12Only.origin] }, ca: [ca.cert] });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'notOffered', `127.0.0.1:${tls12Only.port} does not offer TLS 1.3 (negotiates TLSv1.2)`]]);
    expect(results[0]!.data).toEqual({ tls13: false, protocol: 'TLSv1.2' });
  });
});
