import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './services.js';

/**
 * A real OpenSSH server on 127.0.0.1 for the host tests: its own config, throwaway host key,
 * authorized_keys and pid file in a temp dir, logging in the current user (root or not) with a
 * throwaway key. Never touches /etc/ssh or system users. Missing binaries are installed by
 * scripts/ensure-sshd.sh (apt-get, when allowed).
 */

const ENSURE_SCRIPT = fileURLToPath(new URL('../../scripts/ensure-sshd.sh', import.meta.url));
const SSHD = '/usr/sbin/sshd';

/** A file the test host holds, under `root` (the plan's `paths:` point there). */
export interface HostFile {
  content: string;
  mode?: number;
}

export interface RunningSshd {
  readonly port: number;
  readonly user: string;
  /** The temp dir: host files are written under `${dir}/host`. */
  readonly dir: string;
  readonly root: string;
  /** The client's private key file (a `file:` identity). */
  readonly identityFile: string;
  readonly hostKeyFingerprint: string;
  /** A known_hosts file listing the host key under [127.0.0.1]:port. */
  readonly knownHostsFile: string;
  /** Writes files under root (`write({ 'etc/sudoers': { content, mode: 0o440 } })`), returning their absolute paths by the same keys. */
  write(files: Record<string, HostFile | string>): Record<string, string>;
  /** A plan host entry for this server (targets.hosts[i]). */
  planHost(extra?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

export function ensureSshd(): void {
  if (existsSync(SSHD) && spawnSync('sh', ['-c', 'command -v ssh-keygen']).status === 0 && (process.getuid?.() !== 0 || existsSync('/run/sshd'))) return;
  const run = spawnSync('bash', [ENSURE_SCRIPT], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`scripts/ensure-sshd.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

function keygen(file: string): string {
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'harden-test', '-f', file], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr.trim()}`);
  const listed = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' });
  return /SHA256:\S+/.exec(listed.stdout)![0];
}

/** `env`: variables set in every session (sshd's SetEnv), e.g. a PATH finding stub tools first. */
export async function startSshd(options: { env?: Readonly<Record<string, string>> } = {}): Promise<RunningSshd> {
  ensureSshd();
  const dir = mkdtempSync(join(tmpdir(), 'harden-sshd-'));
  chmodSync(dir, 0o755);
  const root = join(dir, 'host');
  mkdirSync(root);
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const hostKeyFingerprint = keygen(hostKey);
  const identityFile = join(dir, 'client_key');
  keygen(identityFile);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${identityFile}.pub`), { mode: 0o600 });
  const port = await freePort();
  const user = userInfo().username;
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${user}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'MaxSessions 20',
    'MaxStartups 200',
    'LogLevel ERROR',
    'Subsystem sftp internal-sftp',
    // bash sources ~/.bashrc for commands run over SSH unless it is a nested shell: the test host's commands skip this machine's shell setup.
    // One SetEnv line: sshd keeps only the first.
    ['SetEnv SHLVL=1', ...Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`)].join(' '),
  ];
  writeFileSync(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  await waitForPort(port, child, () => stderr);
  return {
    port,
    user,
    dir,
    root,
    identityFile,
    hostKeyFingerprint,
    knownHostsFile,
    write(files) {
      const paths: Record<string, string> = {};
      for (const [relative, file] of Object.entries(files)) {
        const { content, mode = 0o644 } = typeof file === 'string' ? { content: file } : file;
        const path = join(root, relative);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
        chmodSync(path, mode);
        paths[relative] = path;
      }
      return paths;
    },
    planHost: (extra = {}) => ({ name: `test-sshd-${port}`, ssh: `${user}@127.0.0.1:${port}`, identity: `file:${identityFile}`, hostKey: hostKeyFingerprint, ...extra }),
    close: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log().trim()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
