import type { AddressInfo } from 'node:net';
import { createServer, type SecureVersion, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { sessionTicketLifetime } from './session-ticket-lifetime.js';

describe('tls/session-ticket-lifetime', () => {
  let ca: LocalCa;
  const openssl: Record<string, OpensslServer> = {};
  const node: Record<string, Server> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    const tls = await ca.issue();
    // s_server keeps OpenSSL's default session timeout (7200 s) and has no flag to change it.
    openssl.usual = await startOpensslServer(tls);
    openssl.noTicket = await startOpensslServer({ ...tls, args: ['-no_ticket', '-num_tickets', '0'] });
    // Node sets the session timeout OpenSSL announces as the ticket lifetime: two days here.
    for (const maxVersion of ['TLSv1.3', 'TLSv1.2'] as SecureVersion[]) {
      const server = createServer({ ...tls, sessionTimeout: 2 * 86_400, maxVersion }, () => undefined);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      node[maxVersion] = server;
    }
  });
  afterAll(async () => {
    await Promise.all([...Object.values(openssl).map((server) => server.close()), ...Object.values(node).map((server) => new Promise<void>((resolve) => server.close(() => resolve())))]);
  });

  const run = (origin: string) => runLiveCheck(sessionTicketLifetime, { targets: { sites: [origin] }, ca: [ca.cert] });
  const nodeOrigin = (version: string) => `https://127.0.0.1:${(node[version]!.address() as AddressInfo).port}`;

  it('passes OpenSSL\'s default two-hour TLS 1.3 tickets', async () => {
    expect((await run(openssl.usual!.origin)).map((r) => [r.status, r.data])).toEqual([['pass', { ticketLifetimeSeconds: 7200, protocol: 'TLSv1.3' }]]);
  });

  it('reports TLS 1.3 tickets valid for two days', async () => {
    const origin = nodeOrigin('TLSv1.3');
    const results = await run(origin);
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([
      ['fail', 'longLifetime', `${new URL(origin).host} issues session tickets valid for 48 hours (more than 24)`, 'TLSv1.3 NewSessionTicket lifetime: 172800 s'],
    ]);
  });

  it('reads the TLS 1.2 ticket_lifetime_hint the same way', async () => {
    const results = await run(nodeOrigin('TLSv1.2'));
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['fail', 'TLSv1.2 NewSessionTicket lifetime: 172800 s']]);
  });

  it('gives no result for a server that issues no ticket', async () => {
    expect(await run(openssl.noTicket!.origin)).toEqual([]);
  });
});
