import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './services.js';

export interface OpensslServer {
  port: number;
  /** https://127.0.0.1:port */
  origin: string;
  close(): Promise<void>;
}

export interface OpensslServerOptions {
  key: string;
  cert: string;
  /** Further s_server arguments: -tls1, -cipher …, -status_file FILE, -dhparam FILE … */
  args?: string[];
  /** Files written beside the key and certificate, named in args as `{dir}/name`. */
  files?: Record<string, string | Buffer>;
}

/**
 * A real `openssl s_server` on 127.0.0.1 answering each connection with its -www status page:
 * a TLS stack that is not Node's, configured with the flags a test wants.
 */
export async function startOpensslServer({ key, cert, args = [], files = {} }: OpensslServerOptions): Promise<OpensslServer> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-s-server-'));
  writeFileSync(join(dir, 'key.pem'), key);
  writeFileSync(join(dir, 'cert.pem'), cert);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const port = await freePort();
  const argv = ['s_server', '-accept', `127.0.0.1:${port}`, '-key', join(dir, 'key.pem'), '-cert', join(dir, 'cert.pem'), '-www', ...args.map((arg) => arg.replaceAll('{dir}', dir))];
  const child = spawn('openssl', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 5000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ACCEPT')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server exited (${code}): ${output}`));
    });
  });
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
