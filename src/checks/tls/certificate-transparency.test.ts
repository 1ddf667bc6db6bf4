import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sctList } from '../../targets/tls/sct.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, type LocalCa } from '../../testing/local-ca.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { certificateTransparency } from './certificate-transparency.js';

/** One SerializedSCT: v1, a log id, a timestamp, no extensions, an ECDSA-SHA256 "signature" of 8 bytes. */
function sct(logByte: number, time: Date): Buffer {
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(time.getTime()));
  const body = Buffer.concat([Buffer.from([0]), Buffer.alloc(32, logByte), timestamp, Buffer.from([0, 0, 4, 3, 0, 8]), Buffer.alloc(8, 0x5a)]);
  return Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
}

function list(entries: Buffer[]): Buffer {
  const body = Buffer.concat(entries);
  return Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
}

/** A leaf for 127.0.0.1 signed by the CA with openssl x509 -req, with the SCT list extension holding `scts` when given. */
function issue(ca: LocalCa, scts?: Buffer): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'harden-sct-'));
  const f = (name: string) => join(dir, name);
  try {
    writeFileSync(f('ca.pem'), ca.cert);
    writeFileSync(f('ca.key'), ca.key);
    // extnValue: an OCTET STRING holding the TLS-encoded list (the lists here are under 256 bytes).
    const octets = scts ? Buffer.concat([Buffer.from(scts.length < 128 ? [0x04, scts.length] : [0x04, 0x81, scts.length]), scts]) : undefined;
    writeFileSync(f('ext.cnf'), `subjectAltName=IP:127.0.0.1\n${octets ? `1.3.6.1.4.1.11129.2.4.2=DER:${octets.toString('hex').match(/../g)!.join(':')}\n` : ''}`);
    const steps = [
      ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1'],
      ['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-set_serial', '4661', '-days', '2', '-sha256', '-extfile', f('ext.cnf'), '-out', f('leaf.pem')],
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

describe('tls/certificate-transparency', () => {
  let ca: LocalCa;
  const servers: Record<string, OpensslServer> = {};
  const logged = new Date('2026-03-04T05:06:07.000Z');

  beforeAll(async () => {
    ca = await createLocalCa();
    servers.twoScts = await startOpensslServer(issue(ca, list([sct(1, logged), sct(2, logged)])));
    servers.none = await startOpensslServer(issue(ca));
    servers.malformed = await startOpensslServer(issue(ca, Buffer.from([0, 9, 0, 1, 0])));
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  // Without --ca the local CA stands for any CA outside the run's own PKI: the CT policy applies.
  const run = (name: string, ca?: string[]) => runLiveCheck(certificateTransparency, { targets: { sites: [servers[name]!.origin] }, ...(ca ? { ca } : {}) });

  it('passes a certificate with an embedded SCT list, counting the SCTs', async () => {
    expect((await run('twoScts')).map((r) => [r.status, r.data])).toEqual([['pass', { scts: 2 }]]);
  });

  it('reports a certificate without SCTs', async () => {
    const results = await run('none');
    expect(results.map((r) => [r.status, r.messageId, r.message, r.evidence])).toEqual([
      ['fail', 'noScts', `127.0.0.1:${servers.none!.port}: the certificate carries no Certificate Transparency timestamps (SCTs)`, 'subject: 127.0.0.1; issuer: harden test CA; no extension 1.3.6.1.4.1.11129.2.4.2'],
    ]);
  });

  it('reports an SCT extension whose list does not parse', async () => {
    const results = await run('malformed');
    expect(results.map((r) => [r.status, r.messageId])).toEqual([['fail', 'malformedScts']]);
    expect(results[0]!.message).toMatch(/does not parse \(SCT list: its length does not match its contents\)$/);
  });

  it('is not applicable to a certificate from the run\'s own CA (--ca): private PKI is outside the CT policy', async () => {
    expect(await run('none', [ca.cert])).toEqual([]);
  });

  it('finds the run\'s CA inside a --ca bundle', async () => {
    const other = await createLocalCa();
    expect(await run('none', [`${other.cert}\n${ca.cert}`])).toEqual([]);
    expect((await run('none', [other.cert])).map((r) => r.messageId)).toEqual(['noScts']);
  });
});

describe('sctList', () => {
  it('reads version, log id and timestamp of each SCT', () => {
    const [first] = sctList(list([sct(0xab, new Date(1_700_000_000_000))]));
    expect(first).toEqual({ version: 0, logId: 'ab'.repeat(32), timestamp: new Date(1_700_000_000_000) });
  });

  it('refuses a truncated entry and an empty list', () => {
    expect(() => sctList(list([sct(1, new Date()).subarray(0, 30)]))).toThrow(/entry 1 is truncated/);
    expect(() => sctList(Buffer.from([0, 0]))).toThrow(/empty/);
  });
});
