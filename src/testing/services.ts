import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Throwaway Redis and PostgreSQL servers on 127.0.0.1 for the service checks' tests.
 * Missing binaries are installed by scripts/ensure-services.sh (apt-get, when allowed).
 */

const ENSURE_SCRIPT = fileURLToPath(new URL('../../scripts/ensure-services.sh', import.meta.url));

/** Runs scripts/ensure-services.sh when redis-server or the PostgreSQL binaries are missing. */
export function ensureServices(): void {
  if (commandPath('redis-server') && postgresBin()) return;
  const run = spawnSync('bash', [ENSURE_SCRIPT], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`scripts/ensure-services.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

function commandPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The directory holding initdb/pg_ctl/postgres: on PATH, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBin(): string | undefined {
  const initdb = commandPath('initdb');
  if (initdb) return initdb.replace(/\/initdb$/, '');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningService {
  port: number;
  close(): Promise<void>;
}

/** redis-server on 127.0.0.1, no persistence; with `password`, requirepass is set. */
export async function startRedis(options: { password?: string } = {}): Promise<RunningService> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
  if (options.password) args.push('--requirepass', options.password);
  const child = spawn(commandPath('redis-server') ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitForPort(port, 20_000, child, () => output);
  return { port, close: () => stopChild(child) };
}

/**
 * A PostgreSQL cluster in a temp dir on 127.0.0.1 (socket in the same dir). `auth` is
 * trust, or scram-sha-256 with `password` for the postgres user. PostgreSQL refuses to
 * run as root: as root, the cluster belongs to the `postgres` OS user (created if missing).
 */
export type PostgresOptions = ({ auth: 'trust' } | { auth: 'scram-sha-256'; password: string }) & {
  /** Serve TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Replaces pg_hba.conf (the local socket line for initdb's own use is kept). */
  hba?: string;
};

export interface RunningPostgres extends RunningService {
  /** Shuts the server down at once (clients lose their connections); its data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>;
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (run scripts/ensure-services.sh)');
  const asRoot = userInfo().uid === 0;
  if (asRoot) ensureOsUser('postgres');
  const dir = mkdtempSync(join(tmpdir(), 'harden-pg-'));
  const data = join(dir, 'data');
  const as = (command: string, args: string[]) => (asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args });
  const run = (command: string, args: string[]) => {
    const { command: c, args: a } = as(command, args);
    const result = spawnSync(c, a, { encoding: 'utf8', timeout: 120_000, cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${(result.stderr || result.stdout).trim().slice(-500)}`);
  };
  chmodSync(dir, 0o700);
  if (asRoot) chownByName(dir, 'postgres');
  const initdbArgs = ['-D', data, '-U', 'postgres', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C'];
  if (options.auth === 'trust') initdbArgs.push('--auth=trust');
  else {
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (asRoot) chownByName(pwfile, 'postgres');
    initdbArgs.push('--auth=scram-sha-256', `--pwfile=${pwfile}`);
  }
  run(join(bin, 'initdb'), initdbArgs);
  const write = (name: string, text: string) => {
    writeFileSync(join(data, name), text, { mode: 0o600 });
    if (asRoot) chownByName(join(data, name), 'postgres');
  };
  let settings = '';
  if (options.tls) {
    write('server.key', options.tls.key);
    write('server.crt', options.tls.cert);
    settings += ' -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key';
  }
  if (options.hba !== undefined) write('pg_hba.conf', `local all all trust\n${options.hba}\n`);
  const port = await freePort();
  settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=8MB -c max_connections=10${settings}`;
  const start = () => {
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
    return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  };
  let pid = start();
  const stop = async () => {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown
    } catch {
      /* already gone */
    }
    await waitForExit(pid, 20_000);
  };
  return {
    port,
    stop,
    start: async () => {
      pid = start();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ensureOsUser(name: string): void {
  if (spawnSync('id', ['-u', name]).status === 0) return;
  const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`useradd ${name} failed: ${made.stderr}`);
}

function chownByName(path: string, user: string): void {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
  chownSync(path, uid, gid);
}

async function waitForPort(port: number, timeoutMs: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output().slice(-500)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms: ${output().slice(-500)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
