import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, selfSignedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { cipherSuites } from './cipher-suites.js';

/** The RFC 3526 1536-bit MODP group as DH parameters: named, so nothing is generated. */
function modp1536(): string {
  const run = spawnSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:modp_1536'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('tls/cipher-suites (openssl s_server)', () => {
  let ca: LocalCa;
  const servers: Record<string, OpensslServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    const ec = await ca.issue();
    const rsa = await selfSignedCertificate({ keyType: 'rsa' });
    // ALL, not DEFAULT: DEFAULT removes eNULL and aNULL for good (!), so nothing added after it brings them back.
    const legacy = (cipher: string) => ['-cipher', `${cipher}:@SECLEVEL=0`];
    const configs = {
      modern: { ...ec, args: [] },
      nullAndAnonymous: { ...ec, args: legacy('ALL:eNULL') },
      staticRsaCbc: { ...rsa, args: ['-no_tls1_3', ...legacy('AES128-SHA:AES256-SHA')] },
      weakDh: { ...rsa, args: ['-no_tls1_3', '-dhparam', '{dir}/dh.pem', ...legacy('DHE-RSA-AES128-GCM-SHA256')], files: { 'dh.pem': modp1536() } },
      tls12Gcm: { ...rsa, args: ['-no_tls1_3', ...legacy('ECDHE-RSA-AES128-GCM-SHA256')] },
    };
    await Promise.all(Object.entries(configs).map(async ([name, options]) => (servers[name] = await startOpensslServer(options))));
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  const run = (name: string) => runLiveCheck(cipherSuites, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] });
  const outcome = async (name: string) => (await run(name)).map((r) => [r.status, r.messageId ?? '']);

  it('passes a default OpenSSL server (ECDHE, AEAD, TLS 1.3)', async () => {
    const results = await run('modern');
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(results[0]!.data).toMatchObject({ nullCipher: false, anonymous: false, export: false, rc4: false, sweet32: false, forwardSecrecy: true, aead: true, tls13: true });
  });

  it('passes a TLS 1.2-only server with one ECDHE-GCM suite', async () => {
    expect(await outcome('tls12Gcm')).toEqual([['pass', '']]);
  });

  it('reports NULL and anonymous suites, naming the suite the server chose', async () => {
    const results = await run('nullAndAnonymous');
    expect(results.map((r) => [r.status, r.messageId, r.severity])).toEqual([
      ['fail', 'nullCipher', 'critical'],
      ['fail', 'anonymous', 'critical'],
    ]);
    expect(results[0]!.message).toMatch(new RegExp(`^127.0.0.1:${servers.nullAndAnonymous!.port} accepts a NULL \\(unencrypted\\) cipher suite: [A-Z0-9-]*NULL[A-Z0-9-]*$`));
    expect(results[1]!.message).toMatch(/accepts an anonymous \(unauthenticated\) cipher suite: A(E)?DH-/);
  });

  it('reports a static-RSA, CBC-only server as without forward secrecy and without AEAD', async () => {
    expect(await outcome('staticRsaCbc')).toEqual([
      ['fail', 'noForwardSecrecy'],
      ['fail', 'cbcOnly'],
    ]);
  });

  it('reports a 1536-bit DHE group with its size', async () => {
    const results = await run('weakDh');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'weakDh', `127.0.0.1:${servers.weakDh!.port} uses a 1536-bit DH group for DHE (minimum 2048)`]]);
    expect(results[0]!.evidence).toBe('DHE-RSA-AES128-GCM-SHA256 with a 1536-bit prime');
  });

  it('turns an unreachable endpoint into an error, not a pass', async () => {
    const results = await runLiveCheck(cipherSuites, { targets: { sites: ['https://127.0.0.1:9'] }, timeoutMs: 1000 });
    expect(results.map((r) => r.status)).toEqual(['error']);
  });
});
