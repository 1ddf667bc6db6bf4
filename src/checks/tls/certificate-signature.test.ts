import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { certificateSignature } from './certificate-signature.js';

/** A leaf for 127.0.0.1 signed by the CA with the given digest, by openssl x509 -req. */
function issueWithDigest(ca: LocalCa, digest: 'sha1' | 'sha256'): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'harden-sig-'));
  const f = (name: string) => join(dir, name);
  try {
    writeFileSync(f('ca.pem'), ca.cert);
    writeFileSync(f('ca.key'), ca.key);
    writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    const steps = [
      ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1'],
      ['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-set_serial', '4660', '-days', '2', `-${digest}`, '-extfile', f('ext.cnf'), '-out', f('leaf.pem')],
    ];
    for (const args of steps) {
      const run = spawnSync('openssl', args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`openssl ${args[0]}: ${run.stderr}`);
    }
    return { key: readFileSync(f('leaf.key'), 'utf8'), cert: readFileSync(f('leaf.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tls/certificate-signature', () => {
  let ca: LocalCa;
  const servers: Record<string, OpensslServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    // SECLEVEL=0: OpenSSL 3 would not serve a SHA-1-signed certificate at its default level.
    for (const digest of ['sha1', 'sha256'] as const) servers[digest] = await startOpensslServer({ ...issueWithDigest(ca, digest), args: ['-cipher', 'DEFAULT:@SECLEVEL=0'] });
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  it('passes a SHA-256 signature', async () => {
    const results = await runLiveCheck(certificateSignature, { targets: { sites: [servers.sha256!.origin] }, ca: [ca.cert] });
    expect(results.map((r) => [r.status, r.data])).toEqual([['pass', { signatureAlgorithm: 'ecdsa-with-SHA256' }]]);
  });

  it('reports a SHA-1 signature by name', async () => {
    const results = await runLiveCheck(certificateSignature, { targets: { sites: [servers.sha1!.origin] }, ca: [ca.cert] });
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([
      ['fail', 'weakSignature', `127.0.0.1:${servers.sha1!.port}: the certificate is signed with ecdsa-with-SHA1`, 'subject: 127.0.0.1; issuer: harden test CA'],
    ]);
  });
});
