import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './services.js';

/**
 * A real authoritative DNS server (NSD) on 127.0.0.1, UDP and TCP, serving zone files the
 * test writes, signed with ldns-keygen/ldns-signzone; the parent zone holds the children's
 * DS records. Missing binaries are installed by scripts/ensure-nsd.sh (apt-get, when allowed).
 */

const ENSURE_SCRIPT = fileURLToPath(new URL('../../scripts/ensure-nsd.sh', import.meta.url));
const NSD = '/usr/sbin/nsd';

export interface NsdKey {
  /** ldns-keygen algorithm name: RSASHA256, ECDSAP256SHA256, ECDSAP384SHA384, ED25519, ... */
  algorithm: string;
  bits?: number;
  /** A key-signing key (flags 257, SEP): its DS goes to the parent. */
  ksk?: boolean;
}

export interface NsdZone {
  /** Zone name, no trailing dot, e.g. "signed.test". */
  name: string;
  /** Zone-file lines after the SOA and NS, names relative to the zone (e.g. `www A 192.0.2.1`). */
  records?: string[];
  /** Keys to sign with; none: unsigned. */
  keys?: NsdKey[];
  /** Signature validity as ldns-signzone dates (YYYYMMDDhhmmss); default now-1h..now+30d. */
  inception?: string;
  expiration?: string;
  /** What the parent publishes as DS: the KSKs' real DS (default), one whose digest matches no key, or none. */
  ds?: 'real' | 'wrong-digest' | 'none';
}

export interface RunningNsd {
  address: string;
  close(): Promise<void>;
}

export function ensureNsd(): void {
  if (existsSync(NSD) && commandExists('ldns-signzone')) return;
  const run = spawnSync('bash', [ENSURE_SCRIPT], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`scripts/ensure-nsd.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

function commandExists(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function ldnsDate(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function zoneHead(name: string): string {
  return [`$ORIGIN ${name}.`, '$TTL 300', `@ SOA ns.${name}. hostmaster.${name}. 1 3600 600 86400 300`, `@ NS ns.${name}.`, 'ns A 127.0.0.1', ''].join('\n');
}

/** Writes and signs each zone, the parent `parent` (unsigned) with the children's DS, and starts NSD. */
export async function startNsd(parent: string, zones: NsdZone[]): Promise<RunningNsd> {
  ensureNsd();
  const dir = mkdtempSync(join(tmpdir(), 'harden-nsd-'));
  const parentLines: string[] = [];
  const files: { name: string; file: string }[] = [];
  for (const zone of zones) {
    const file = `${zone.name}.zone`;
    writeFileSync(join(dir, file), zoneHead(zone.name) + (zone.records ?? []).join('\n') + '\n');
    parentLines.push(`${zone.name}. NS ns.${zone.name}.`, `ns.${zone.name}. A 127.0.0.1`);
    if (zone.keys?.length) {
      const keys = zone.keys.map((key) => run('ldns-keygen', ['-a', key.algorithm, ...(key.bits ? ['-b', String(key.bits)] : []), ...(key.ksk ? ['-k'] : []), zone.name], dir));
      const inception = zone.inception ?? ldnsDate(-3600_000);
      const expiration = zone.expiration ?? ldnsDate(30 * 86400_000);
      run('ldns-signzone', ['-i', inception, '-e', expiration, '-f', `${file}.signed`, file, ...keys], dir);
      files.push({ name: zone.name, file: `${file}.signed` });
      if ((zone.ds ?? 'real') !== 'none') {
        for (const [index, key] of keys.entries()) {
          if (!zone.keys[index]!.ksk) continue;
          const ds = readFileSync(join(dir, `${key}.ds`), 'utf8').trim();
          parentLines.push(zone.ds === 'wrong-digest' ? ds.replace(/[0-9a-f]{8}$/i, '00000000') : ds);
        }
      }
    } else files.push({ name: zone.name, file });
  }
  writeFileSync(join(dir, `${parent}.zone`), zoneHead(parent) + parentLines.join('\n') + '\n');
  files.push({ name: parent, file: `${parent}.zone` });

  const port = await freePort();
  const conf = [
    'server:',
    `  ip-address: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  username: ""',
    '  chroot: ""',
    `  zonesdir: "${dir}"`,
    '  database: ""',
    `  pidfile: "${dir}/nsd.pid"`,
    `  xfrdfile: "${dir}/xfrd.state"`,
    `  xfrdir: "${dir}"`,
    `  zonelistfile: "${dir}/zone.list"`,
    `  logfile: "${dir}/nsd.log"`,
    '  server-count: 1',
    '  verbosity: 1',
    'remote-control:',
    '  control-enable: no',
    ...files.flatMap((zone) => ['zone:', `  name: "${zone.name}"`, `  zonefile: "${zone.file}"`]),
  ].join('\n');
  writeFileSync(join(dir, 'nsd.conf'), conf + '\n');
  const child = spawn(NSD, ['-d', '-c', join(dir, 'nsd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const log = () => output + (existsSync(join(dir, 'nsd.log')) ? readFileSync(join(dir, 'nsd.log'), 'utf8') : '');
  const deadline = Date.now() + 10_000;
  while (!(existsSync(join(dir, 'nsd.log')) && /zone .* read with success|nsd started/.test(log()))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const text = log();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nsd did not start: ${text.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    address: `127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

