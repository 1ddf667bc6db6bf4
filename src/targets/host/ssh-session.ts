import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Client, ConnectConfig, SFTPWrapper } from 'ssh2';
import { resolveSecret } from '../secret-ref.js';
import type { HostConfig } from './config.js';
import { hostKeyOf, knownHostsName, knownHostsVerdict, type HostKey } from './host-key.js';
import type { CommandOutput, RemoteStat } from './host-target.js';

/** Largest file read over SFTP and largest command output kept. */
export const MAX_REMOTE_BYTES = 1024 * 1024;
/** Exec channels open at once on one connection (OpenSSH allows 10 sessions, SFTP takes one). */
const CHANNELS_PER_HOST = 4;
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

/** Why a host could not be reached or read: worded for the user, never carrying a secret. */
export class HostError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostError';
  }
}

export interface SessionOptions {
  readonly timeoutMs: number;
  /** Where relative `file:` references of the plan are read from. */
  readonly planDir: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * One SSH connection to one host: opened on the first read, shared by every read of the run,
 * commands on parallel exec channels (bounded), files over one SFTP session.
 */
export class SshSession {
  private client: Promise<Client> | undefined;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private opened: Client | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly config: HostConfig,
    private readonly options: SessionOptions,
  ) {}

  get address(): string {
    return `${this.config.ssh.user}@${knownHostsName(this.config.ssh.host, this.config.ssh.port)}`;
  }

  async exec(command: string): Promise<CommandOutput> {
    const client = await this.connect();
    await this.acquire();
    try {
      return await execOn(client, command, this.options.timeoutMs, this.address);
    } finally {
      this.release();
    }
  }

  async stat(path: string): Promise<RemoteStat | undefined> {
    const sftp = await this.sftp();
    return new Promise((done, fail) => {
      sftp.stat(path, (error, stats) => {
        if (error) {
          if (sftpCode(error) === SFTP_NO_SUCH_FILE) done(undefined);
          else fail(new HostError(`${this.address}: cannot stat ${path}: ${sftpReason(error)}`, { cause: error }));
          return;
        }
        done({ path, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, size: stats.size, isDirectory: stats.isDirectory(), isFile: stats.isFile() });
      });
    });
  }

  async readFile(path: string): Promise<string | undefined> {
    const sftp = await this.sftp();
    const handle = await new Promise<Buffer | undefined>((done, fail) => {
      sftp.open(path, 'r', (error, opened) => {
        if (!error) done(opened);
        else if ([SFTP_NO_SUCH_FILE, SFTP_PERMISSION_DENIED].includes(sftpCode(error) ?? -1)) done(undefined);
        else fail(new HostError(`${this.address}: cannot open ${path}: ${sftpReason(error)}`, { cause: error }));
      });
    });
    if (!handle) return undefined;
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(Math.min(32 * 1024, MAX_REMOTE_BYTES + 1 - total));
        const read = await new Promise<number>((done, fail) =>
          sftp.read(handle, chunk, 0, chunk.length, total, (error, bytes) => (error && sftpCode(error) !== 1 ? fail(error) : done(error ? 0 : bytes))),
        );
        if (read === 0) break;
        chunks.push(chunk.subarray(0, read));
        total += read;
        if (total > MAX_REMOTE_BYTES) throw new HostError(`${this.address}: ${path} is larger than ${MAX_REMOTE_BYTES} bytes: not read`);
      }
      return Buffer.concat(chunks, total).toString('utf8');
    } catch (error) {
      if (error instanceof HostError) throw error;
      if ((error as { code?: unknown }).code === 4 && /directory/i.test(String((error as Error).message))) return undefined;
      throw new HostError(`${this.address}: cannot read ${path}: ${sftpReason(error)}`, { cause: error });
    } finally {
      sftp.close(handle, () => {});
    }
  }

  async listDir(path: string): Promise<string[] | undefined> {
    const sftp = await this.sftp();
    return new Promise((done, fail) => {
      sftp.readdir(path, (error, list) => {
        if (!error) done(list.map((entry) => entry.filename).sort());
        else if ([SFTP_NO_SUCH_FILE, SFTP_PERMISSION_DENIED].includes(sftpCode(error) ?? -1)) done(undefined);
        else if (/not a directory/i.test(error.message)) done(undefined);
        else fail(new HostError(`${this.address}: cannot list ${path}: ${sftpReason(error)}`, { cause: error }));
      });
    });
  }

  /** Starts connecting and opening SFTP (once); a failure is reported by the reads that need them. */
  warm(): void {
    this.sftp().catch(() => {});
  }

  close(): void {
    this.closed = true;
    this.opened?.end();
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= this.connect().then(
      (client) => new Promise<SFTPWrapper>((done, fail) => client.sftp((error, sftp) => (error ? fail(new HostError(`${this.address}: SFTP is not available: ${error.message}`, { cause: error })) : done(sftp)))),
    );
    return this.sftpSession;
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(new HostError(`${this.address}: the run is over, the connection is closed`));
    this.client ??= this.open();
    return this.client;
  }

  private async open(): Promise<Client> {
    const { Client } = await import('ssh2');
    const auth = this.authentication();
    const client = new Client();
    this.opened = client;
    let refusedKey: string | undefined;
    const verifier = this.hostKeyVerifier();
    const config: ConnectConfig = {
      host: this.config.ssh.host,
      port: this.config.ssh.port,
      username: this.config.ssh.user,
      readyTimeout: this.options.timeoutMs,
      keepaliveInterval: 0,
      ...auth.config,
      hostVerifier: (blob: Buffer) => {
        refusedKey = verifier(hostKeyOf(blob));
        return refusedKey === undefined;
      },
    };
    return new Promise<Client>((done, fail) => {
      client.once('ready', () => done(client));
      client.once('error', (error: Error & { level?: string; code?: string }) => {
        client.end();
        fail(new HostError(this.describe(error, refusedKey, auth.methods), { cause: error }));
      });
      client.on('error', () => {});
      client.connect(config);
    });
  }

  private describe(error: Error & { level?: string; code?: string }, refusedKey: string | undefined, methods: string): string {
    if (refusedKey) return refusedKey;
    if (error.level === 'client-authentication') return `${this.address}: authentication failed (tried ${methods}); is the public key in the user's authorized_keys?`;
    if (error.code === 'ECONNREFUSED') return `${this.address}: connection refused (is sshd running, on this port?)`;
    if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `${this.address}: host name not found`;
    if (error.level === 'client-timeout' || error.code === 'ETIMEDOUT') return `${this.address}: no SSH handshake within ${this.options.timeoutMs} ms (connection timed out)`;
    return `${this.address}: SSH connection failed: ${error.message}`;
  }

  private authentication(): { config: Pick<ConnectConfig, 'privateKey' | 'agent'>; methods: string } {
    const env = this.options.env ?? process.env;
    const config: Pick<ConnectConfig, 'privateKey' | 'agent'> = {};
    const methods: string[] = [];
    if (this.config.identity) {
      config.privateKey = resolveSecret(this.config.identity, this.options.planDir, env);
      methods.push(`publickey with the key of ${this.config.identity}`);
    }
    if (this.config.agent) {
      const socket = env.SSH_AUTH_SOCK;
      if (!socket) throw new HostError(`${this.address}: agent: true but SSH_AUTH_SOCK is not set (no ssh-agent to ask)`);
      config.agent = socket;
      methods.push('the keys of ssh-agent');
    }
    return { config, methods: methods.join(', ') };
  }

  /** undefined when the key is trusted, else why not (the message the run reports). */
  private hostKeyVerifier(): (key: HostKey) => string | undefined {
    const { hostKey, knownHosts } = this.config;
    const { host, port } = this.config.ssh;
    const knownText = knownHosts ? this.readKnownHosts(knownHosts.slice(5)) : undefined;
    const how = `pin it after checking it on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub): hostKey: "%s"`;
    return (key) => {
      if (hostKey !== undefined) {
        if (hostKey.replace(/=$/, '') === key.fingerprint) return undefined;
        return `${this.address}: HOST KEY MISMATCH: the plan pins ${hostKey}, the host presented ${key.type} ${key.fingerprint}. If the host was reinstalled, check the new key on the host and update hostKey:; otherwise someone may be intercepting the connection`;
      }
      const verdict = knownText === undefined ? 'unknown' : knownHostsVerdict(knownText, host, port, key);
      if (verdict === 'known') return undefined;
      if (verdict === 'revoked') return `${this.address}: the host key ${key.type} ${key.fingerprint} is marked @revoked in ${knownHosts}`;
      if (verdict === 'other-key')
        return `${this.address}: HOST KEY MISMATCH: ${knownHosts} lists another ${key.type} key for ${knownHostsName(host, port)}, the host presented ${key.fingerprint}`;
      return `${this.address}: unknown host key ${key.type} ${key.fingerprint}: not in ${knownHosts} and never trusted on first use; ${how.replace('%s', key.fingerprint)}, or add it to ${knownHosts} (ssh-keyscan -p ${port} ${host}, after checking the fingerprint)`;
    };
  }

  private readKnownHosts(path: string): string | undefined {
    const file = isAbsolute(path) ? path : resolve(this.options.planDir, path);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < CHANNELS_PER_HOST) {
      this.running++;
      return;
    }
    await new Promise<void>((wake) => this.waiting.push(wake));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

function execOn(client: Client, command: string, timeoutMs: number, address: string): Promise<CommandOutput> {
  return new Promise((done, fail) => {
    client.exec(command, (error, stream) => {
      if (error) {
        fail(new HostError(`${address}: cannot start \`${command}\`: ${error.message}`, { cause: error }));
        return;
      }
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let kept = 0;
      const keep = (into: Buffer[]) => (data: Buffer) => {
        if (kept >= MAX_REMOTE_BYTES) return;
        into.push(data.subarray(0, MAX_REMOTE_BYTES - kept));
        kept += data.length;
      };
      const timer = setTimeout(() => {
        stream.close();
        fail(new HostError(`${address}: \`${command}\` did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      stream.on('data', keep(stdout));
      stream.stderr.on('data', keep(stderr));
      stream.on('close', (code: number | null | undefined) => {
        clearTimeout(timer);
        done({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: typeof code === 'number' ? code : null });
      });
    });
  });
}

function sftpCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function sftpReason(error: unknown): string {
  return sftpCode(error) === SFTP_PERMISSION_DENIED ? 'permission denied (connect as a user who may read it, or as root)' : (error as Error).message;
}
