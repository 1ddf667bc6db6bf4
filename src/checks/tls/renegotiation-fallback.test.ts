import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHello } from '../../targets/tls/client-hello.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { renegotiationFallback } from './renegotiation-fallback.js';

describe('tls/renegotiation-fallback', () => {
  let ca: LocalCa;
  const servers: Record<string, OpensslServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue();
    servers.modern = await startOpensslServer({ ...tls, args: [] });
    // TLS 1.0 to 1.3: OpenSSL answers a fallback hello with inappropriate_fallback.
    servers.wide = await startOpensslServer({ ...tls, args: ['-min_protocol', 'TLSv1', '-cipher', 'DEFAULT:@SECLEVEL=0'] });
    servers.tls13Only = await startOpensslServer({ ...tls, args: ['-tls1_3'] });
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  const run = (name: string) => runLiveCheck(renegotiationFallback, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] });

  it('passes OpenSSL: secure renegotiation, and the fallback SCSV honoured where TLS 1.0/1.1 remain', async () => {
    expect((await run('modern')).map((r) => [r.status, r.data])).toEqual([['pass', { secureRenegotiation: true }]]);
    expect((await run('wide')).map((r) => [r.status, r.data])).toEqual([['pass', { secureRenegotiation: true, fallbackScsv: true }]]);
  });

  it('passes a TLS 1.3-only server, which has neither renegotiation nor older versions', async () => {
    expect((await run('tls13Only')).map((r) => [r.status, r.data])).toEqual([['pass', {}]]);
  });
});

describe('a server without RFC 5746 or RFC 7507 (canned ServerHello)', () => {
  let server: Server;
  beforeAll(async () => {
    // Answers every hello with a TLS 1.1 ServerHello choosing AES128-SHA, without renegotiation_info.
    const body = Buffer.concat([Buffer.from([0x03, 0x02]), Buffer.alloc(32, 1), Buffer.from([0, 0x00, 0x2f, 0, 0, 0])]);
    const message = Buffer.concat([Buffer.from([2, 0, 0, body.length]), body]);
    const record = Buffer.concat([Buffer.from([0x16, 0x03, 0x02, 0, message.length]), message]);
    server = createServer((socket) => socket.once('data', () => socket.end(record)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is seen as accepting the fallback hello, without secure renegotiation', async () => {
    const { port } = server.address() as AddressInfo;
    const answer = await sendHello({ host: '127.0.0.1', port, servername: undefined, suites: [0x002f, 0x5600], version: 0x0302, timeoutMs: 2000 });
    expect(answer).toEqual({ kind: 'serverHello', version: 0x0302, suite: 0x002f, secureRenegotiation: false });
  });
});
