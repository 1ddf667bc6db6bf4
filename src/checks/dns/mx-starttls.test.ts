import { createHash, X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { startDnsServer, type RunningDnsServer } from '../../testing/dns-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, selfSignedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { mxStarttls } from './mx-starttls.js';

async function startSmtp(options: SMTPServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({ logger: false, authOptional: true, disabledCommands: ['AUTH'], ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const spkiSha256 = (pem: string) => createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest();

describe('dns/mx-starttls', () => {
  let dns: RunningDnsServer;
  let ca: LocalCa;
  const servers: Record<string, { port: number; close(): Promise<void> }> = {};
  beforeAll(async () => {
    ca = await createLocalCa();
    const valid = await ca.issue({ hosts: ['mx.good.test'] });
    const selfSigned = await selfSignedCertificate({ hosts: ['mx.dane.test'] });
    servers.good = await startSmtp({ ...valid });
    servers.plain = await startSmtp({ hideSTARTTLS: true });
    servers.wrongName = await startSmtp({ ...(await ca.issue({ hosts: ['other.test'] })) });
    servers.dane = await startSmtp({ ...selfSigned });
    const tlsa = (pem: string) => ({ usage: 3, selector: 1, matchingType: 1, certificate: spkiSha256(pem) });
    dns = await startDnsServer({
      'good.test MX': [{ preference: 10, exchange: 'mx.good.test' }],
      'mx.good.test A': ['127.0.0.1'],
      '_25._tcp.mx.good.test TLSA': [tlsa(valid.cert)],
      'pinned.test MX': [{ preference: 10, exchange: 'mx.good.test' }, { preference: 20, exchange: 'mx.pinned.test' }],
      'mx.pinned.test A': ['127.0.0.1'],
      '_25._tcp.mx.pinned.test TLSA': [{ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 7) }],
      'dane.test MX': [{ preference: 10, exchange: 'mx.dane.test' }],
      'mx.dane.test A': ['127.0.0.1'],
      '_25._tcp.mx.dane.test TLSA': [tlsa(selfSigned.cert)],
      'lost.test MX': [{ preference: 10, exchange: 'mx.nowhere.test' }],
      'nomail.test MX': [{ preference: 0, exchange: '.' }],
    });
  });
  afterAll(async () => {
    await dns.close();
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  const run = (domains: string[], port: number) => runLiveCheck(mxStarttls, { targets: { domains }, dnsServer: dns.address, ca: [ca.cert], options: { port } });
  const outcomes = (results: Result[]) => results.map((r) => [r.target, r.messageId ?? r.status, (r.status === 'pass' ? r.evidence : r.message) ?? '']);

  it('passes STARTTLS with a valid certificate and a matching TLSA record, and a self-signed certificate a DANE-EE record pins; skips a null MX', async () => {
    expect(outcomes(await run(['good.test', 'nomail.test'], servers.good!.port))).toEqual([['good.test', 'pass', 'mx.good.test: TLSv1.3, TLSA 1/1 matching']]);
    expect(outcomes(await run(['dane.test'], servers.dane!.port))).toEqual([['dane.test', 'pass', 'mx.dane.test: TLSv1.3, TLSA 1/1 matching']]);
  });

  it('fails an MX host without STARTTLS, or without an address', async () => {
    expect(outcomes(await run(['good.test', 'lost.test'], servers.plain!.port))).toEqual([
      ['good.test', 'noStarttls', 'MX host mx.good.test of good.test does not offer STARTTLS: mail to it travels in clear'],
      ['lost.test', 'mxUnresolved', 'MX host mx.nowhere.test of lost.test has no address: mail cannot be delivered there'],
    ]);
  });

  it('fails a certificate for another name, and a TLSA record the certificate does not match', async () => {
    expect(outcomes(await run(['good.test'], servers.wrongName!.port))).toEqual([
      ['good.test', 'tlsaMismatch', 'no TLSA record at _25._tcp.mx.good.test matches the certificate MX host mx.good.test presents: DANE senders do not deliver mail to good.test there'],
      ['good.test', 'certificateInvalid', 'MX host mx.good.test of good.test presents a certificate not valid for its name (ERR_TLS_CERT_ALTNAME_INVALID): senders requiring TLS (MTA-STS) refuse it'],
    ]);
    // mx.good.test (its own TLSA record matches) passes; mx.pinned.test gets the same certificate, for another name and another key.
    expect(outcomes(await run(['pinned.test'], servers.good!.port)).map(([, id, message]) => [id, message!.split(' ').slice(0, 6).join(' ')])).toEqual([
      ['tlsaMismatch', 'no TLSA record at _25._tcp.mx.pinned.test matches'],
      ['certificateInvalid', 'MX host mx.pinned.test of pinned.test presents'],
    ]);
  });

  it('reports an MX host it cannot reach as an error (outgoing port 25 is often blocked), not a failure', async () => {
    const closed = await startSmtp({});
    await closed.close();
    expect((await run(['good.test'], closed.port)).map((r) => r.status)).toEqual(['error']);
  });
});
