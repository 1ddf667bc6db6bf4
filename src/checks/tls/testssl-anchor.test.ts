import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/result.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { createLocalCa, selfSignedCertificate, type LocalCa } from '../../testing/local-ca.js';
import { ocspResponse } from '../../testing/ocsp.js';
import { startOpensslServer, type OpensslServer } from '../../testing/openssl-server.js';
import { checks } from '../tls.js';

/**
 * The external reference: testssl.sh (Debian package, installed on first use by
 * scripts/ensure-testssl.sh) scans the same openssl s_server endpoints as harden's TLS checks,
 * and every property both measure must agree: protocols offered, weak cipher classes, forward
 * secrecy, OCSP stapling, the certificate's end date. Severities differ on purpose: see
 * docs/tls-testssl.md. testssl runs in its default mode (its own sockets: --ssl-native would use
 * Debian's OpenSSL, which cannot offer TLS 1.0, 3DES or EXPORT) and only the sections compared
 * (-p protocols, -s cipher classes, -f forward secrecy, -S certificate, stapling, session ticket lifetime and
 * certificate transparency; see SECTIONS).
 */

function ensureTestssl(): { path: string } | { skipped: string } {
  const run = spawnSync('bash', [fileURLToPath(new URL('../../../scripts/ensure-testssl.sh', import.meta.url))], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) return { skipped: `testssl.sh could not be installed: ${run.stderr.trim().split('\n').slice(-2).join(' ')}` };
  return { path: run.stdout.trim().split('\n').pop()! };
}

const testssl = ensureTestssl();
const execFileAsync = promisify(execFile);
const DAY = 86_400_000;

interface Finding {
  id: string;
  severity: string;
  finding: string;
}

async function scan(path: string, port: number, sections: string[], dir: string): Promise<Map<string, string>> {
  const json = join(dir, `testssl-${port}.json`);
  const args = ['--quiet', '--warnings', 'off', '--color', '0', '--nodns', 'none', '--ip', '127.0.0.1', ...sections, '--jsonfile', json, `127.0.0.1:${port}`];
  await execFileAsync(path, args, { cwd: dir, env: { ...process.env, TZ: 'UTC' }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }).catch((error: { code?: number }) => {
    // testssl exits non-zero when it found problems; only a missing report is a failure.
    if (typeof error.code !== 'number') throw error;
  });
  const findings = JSON.parse(readFileSync(json, 'utf8')) as Finding[];
  return new Map(findings.map((f) => [f.id, f.finding]));
}

type Properties = Record<string, boolean | string | number>;

/** The properties both tools measure, as testssl reports them: only those its sections covered. */
function fromTestssl(findings: Map<string, string>): Properties {
  const ids: Record<string, string[]> = {
    tls10: ['TLS1'],
    tls11: ['TLS1_1'],
    tls13: ['TLS1_3'],
    nullCipher: ['cipherlist_NULL'],
    anonymous: ['cipherlist_aNULL'],
    export: ['cipherlist_EXPORT'],
    sweet32: ['cipherlist_3DES_IDEA'],
    forwardSecrecy: ['PFS', 'FS'],
    ocspStapled: ['OCSP_stapling'],
  };
  const properties: Properties = {};
  for (const [property, names] of Object.entries(ids)) {
    const finding = names.map((id) => findings.get(id)).find((f) => f !== undefined);
    if (finding !== undefined) properties[property] = /^offered/i.test(finding);
  }
  const notAfter = findings.get('cert_notAfter');
  if (notAfter) properties.notAfter = notAfter.slice(0, 10);
  const ticket = findings.get('TLS_session_ticket');
  if (ticket) properties.ticketLifetimeSeconds = Number(/valid for (\d+) seconds/.exec(ticket)?.[1] ?? NaN);
  const transparency = findings.get('certificate_transparency');
  if (transparency) properties.embeddedScts = /^yes/.test(transparency);
  return properties;
}

/** The same properties from harden's TLS checks. */
function fromHarden(results: Result[]): Properties {
  const data = (id: string) => (results.find((r) => r.checkId === id)?.data ?? {}) as Record<string, unknown>;
  const suites = data('tls/cipher-suites');
  return {
    tls10: data('tls/protocol-versions').tls10 === true,
    tls11: data('tls/protocol-versions').tls11 === true,
    tls13: data('tls/tls13').tls13 === true,
    nullCipher: suites.nullCipher !== false,
    anonymous: suites.anonymous !== false,
    export: suites.export !== false,
    sweet32: suites.sweet32 !== false,
    forwardSecrecy: suites.forwardSecrecy === true,
    ocspStapled: results.find((r) => r.checkId === 'tls/ocsp-stapling')?.status === 'pass',
    notAfter: String(data('tls/certificate-expiry').expires ?? '').slice(0, 10),
    ticketLifetimeSeconds: Number(data('tls/session-ticket-lifetime').ticketLifetimeSeconds ?? NaN),
    embeddedScts: results.find((r) => r.checkId === 'tls/certificate-transparency')?.status === 'pass',
  };
}

/**
 * The testssl sections each server is scanned with: the ones that show what the server was
 * built to show. Its bash-socket probes (which test suites this OpenSSL lacks, as 3DES and
 * EXPORT) take 10 to 20 s a section on a busy machine, so not every section runs on every server.
 */
const SECTIONS: Record<string, string[]> = {
  modern: ['-p', '-S'],
  legacy: ['-p', '-s'],
  staticRsa: ['-f', '-S'],
};

describe.skipIf('skipped' in testssl)(`TLS checks held to testssl.sh${'skipped' in testssl ? ` (skipped: ${testssl.skipped})` : ''}`, () => {
  let ca: LocalCa;
  let dir: string;
  const servers: Record<string, OpensslServer> = {};

  beforeAll(async () => {
    ca = await createLocalCa();
    dir = mkdtempSync(join(tmpdir(), 'harden-testssl-'));
    const stapled = await ca.issue();
    const legacy = await ca.issue({ notAfter: new Date(Date.now() + 20 * DAY) });
    const rsa = await selfSignedCertificate({ keyType: 'rsa' });
    servers.modern = await startOpensslServer({ ...stapled, args: ['-status_file', '{dir}/ocsp.der'], files: { 'ocsp.der': ocspResponse(ca, stapled.cert, 'good') } });
    // TLS 1.0 only, with NULL and anonymous suites (ALL:eNULL; DEFAULT would remove them for good).
    servers.legacy = await startOpensslServer({ ...legacy, args: ['-tls1', '-cipher', 'ALL:eNULL:@SECLEVEL=0'] });
    // TLS 1.2, static RSA key exchange only: no forward secrecy.
    servers.staticRsa = await startOpensslServer({ ...rsa, args: ['-no_tls1_3', '-cipher', 'AES128-SHA:AES256-GCM-SHA384:@SECLEVEL=0'] });
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('agrees with testssl.sh on protocols, cipher classes, forward secrecy, stapling, expiry, session ticket lifetime and SCTs', async () => {
    const path = (testssl as { path: string }).path;
    const names = Object.keys(servers);
    // harden first, then testssl: `openssl s_server` answers one connection at a time, and testssl's probes
    // would keep harden's handshakes waiting past their timeout on a loaded machine.
    const ours = await Promise.all(names.map(async (name) => (await Promise.all(checks.map((check) => runLiveCheck(check, { targets: { sites: [servers[name]!.origin] }, ca: [ca.cert] })))).flat()));
    const references = await Promise.all(names.map((name) => scan(path, servers[name]!.port, SECTIONS[name]!, dir)));
    const compared = Object.fromEntries(names.map((name, i) => [name, { testssl: fromTestssl(references[i]!), harden: fromHarden(ours[i]!) }]));
    for (const name of names) {
      const reference = compared[name]!.testssl;
      const ourSide = Object.fromEntries(Object.keys(reference).map((key) => [key, compared[name]!.harden[key]]));
      expect({ server: name, ...ourSide }).toEqual({ server: name, ...reference });
    }
    // Every property was compared on at least one server.
    expect(new Set(Object.values(compared).flatMap((c) => Object.keys(c.testssl))).size).toBe(12);
    // The servers are what they were built to be, so the agreement is not agreement on nothing.
    expect(compared.legacy!.harden).toMatchObject({ tls10: true, tls13: false, nullCipher: true, anonymous: true, forwardSecrecy: true });
    expect(compared.modern!.harden).toMatchObject({ tls10: false, tls13: true, nullCipher: false, forwardSecrecy: true, ocspStapled: true });
    expect(compared.staticRsa!.harden).toMatchObject({ tls13: false, forwardSecrecy: false, ocspStapled: false, ticketLifetimeSeconds: 7200, embeddedScts: false });
  }, 90_000);
});
