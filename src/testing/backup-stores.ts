import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Real backup stores for the backup tests, with backups of chosen ages: an S3-protocol server
 * (s3rver) on 127.0.0.1, a restic repository, a folder. Ages are absolute times; the checks
 * measure them against the clock the test gives the run.
 */

const ENSURE_RESTIC = fileURLToPath(new URL('../../scripts/ensure-restic.sh', import.meta.url));

/** The credentials s3rver knows (it checks the access key id, not the signature). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** argv: s3rver's module path, the store's folder, the bucket; prints the port once listening. */
const S3RVER_MAIN = `
const [S3rver, directory, bucket] = [require(process.argv[1]), process.argv[2], process.argv[3]];
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  .run().then(({ port }) => process.stdout.write(port + '\\n'));
process.on('SIGTERM', () => process.exit(0));
// Ends with the test process, even one that dies without closing it.
process.stdin.on('end', () => process.exit(0)).resume();
`;

export interface S3Store {
  endpoint: string;
  bucket: string;
  /** Uploads an object (a real PutObject), then dates it (see startS3rver). */
  put(key: string, size: number, time: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * s3rver on 127.0.0.1 with one bucket, in a child process: s3rver makes its ListObjectsV2
 * continuation tokens with DES, which Node.js 20's OpenSSL 3 has only with the legacy provider
 * (without it every truncated listing answers InternalError). s3rver answers LastModified from
 * the mtime of the file it stores an object's body in (`<dir>/<bucket>/<key>._S3rver_object`,
 * see its filesystem store's getMetadata), so an object is uploaded through the S3 API and then
 * given its age by setting that file's mtime. s3rver checks the access key id, not SigV4 signatures.
 */
export async function startS3rver(bucket = 'backups'): Promise<S3Store> {
  const directory = mkdtempSync(join(tmpdir(), 'harden-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--no-deprecation', '-e', S3RVER_MAIN, createRequire(import.meta.url).resolve('s3rver'), directory, bucket], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}) before listening`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  // Made on the first upload, so that a test can list the empty bucket before the SDK's one-time Node.js version warning is spent.
  let client: InstanceType<typeof S3Client> | undefined;
  return {
    endpoint,
    bucket,
    async put(key, size, time) {
      client ??= new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.alloc(size, 0x61) }));
      const parts = key.split('/');
      const stored = join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
      utimesSync(stored, time, time);
    },
    async close() {
      client?.destroy();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function ensureRestic(): void {
  if (spawnSync('restic', ['version']).status === 0) return;
  const run = spawnSync('bash', [ENSURE_RESTIC], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`scripts/ensure-restic.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

export interface ResticRepository {
  path: string;
  password: string;
  /** Backs up a small file as a snapshot taken at `time` (`restic backup --time`). */
  backup(time: Date, options?: { tags?: string[]; host?: string }): void;
  remove(): void;
}

/**
 * A restic repository in a temporary folder. `restic init` derives the key with scrypt (about
 * 3 s here, and restic before 0.17 has no --insecure-no-password): make one per test file.
 */
export function createResticRepository(password = 'harden-test-restic-password'): ResticRepository {
  ensureRestic();
  const dir = mkdtempSync(join(tmpdir(), 'harden-restic-'));
  const path = join(dir, 'repo');
  const env = { ...process.env, RESTIC_PASSWORD: password };
  execFileSync('restic', ['init', '--quiet', '--repo', path], { env, stdio: 'pipe' });
  const data = join(dir, 'data');
  mkdirSync(data);
  return {
    path,
    password,
    backup(time, options = {}) {
      writeFileSync(join(data, 'dump.sql'), `-- dump of ${time.toISOString()}\n`);
      const args = ['backup', '--quiet', '--repo', path, '--time', resticTime(time), '--host', options.host ?? 'node-1'];
      for (const tag of options.tags ?? []) args.push('--tag', tag);
      execFileSync('restic', [...args, data], { env, stdio: 'pipe' });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** restic reads --time as local time: given in UTC here, with TZ left alone, it would shift. */
function resticTime(time: Date): string {
  const local = new Date(time.getTime() - time.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

/** A file of `size` bytes at `relative` under `root`, dated `time`. */
export function writeBackupFile(root: string, relative: string, size: number, time: Date): void {
  const file = join(root, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.alloc(size, 0x61));
  utimesSync(file, time, time);
}
