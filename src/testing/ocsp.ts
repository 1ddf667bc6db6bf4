import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCa } from './local-ca.js';

/**
 * A DER OCSP response signed by the CA for `leaf`, made by `openssl ocsp` from an index
 * (the CA database format): good, revoked (at `revokedAt`), or unknown (the serial is not in the index).
 */
export function ocspResponse(ca: LocalCa, leaf: string, status: 'good' | 'revoked' | 'unknown', revokedAt = new Date('2026-01-02T03:04:05Z')): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'harden-ocsp-'));
  try {
    const certificate = new X509Certificate(leaf);
    const far = '491231235959Z';
    const when = revokedAt.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z');
    const line = status === 'good' ? ['V', far, '', certificate.serialNumber] : ['R', far, when, certificate.serialNumber];
    writeFileSync(join(dir, 'index.txt'), status === 'unknown' ? '' : `${[...line, 'unknown', '/CN=leaf'].join('\t')}\n`);
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    writeFileSync(join(dir, 'ca.key'), ca.key);
    writeFileSync(join(dir, 'leaf.pem'), leaf);
    const f = (name: string) => join(dir, name);
    const run = spawnSync('openssl', ['ocsp', '-index', f('index.txt'), '-rsigner', f('ca.pem'), '-rkey', f('ca.key'), '-CA', f('ca.pem'), '-issuer', f('ca.pem'), '-cert', f('leaf.pem'), '-respout', f('resp.der'), '-ndays', '1', '-no_nonce'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openssl ocsp failed: ${run.stderr}`);
    return readFileSync(f('resp.der'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
