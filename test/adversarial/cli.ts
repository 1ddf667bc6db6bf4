import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const BIN = resolve('bin/harden.js');
/** Hostile input must be refused within this time: a hang or a runaway read ends the child first. */
export const TIME_LIMIT_MS = 20_000;
const HEAP_MB = 256;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  uid?: number;
  env?: NodeJS.ProcessEnv;
  heapMb?: number;
  wallMs?: number;
}

/**
 * The built CLI in a child with a small heap and a time limit, as a user runs it: a hostile
 * input must end in a clear answer inside both, never in a crash, an OOM or a hang.
 */
export function harden(args: string[], options: CliOptions = {}): CliRun {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    timeout: options.wallMs ?? TIME_LIMIT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30', ...options.env },
  };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.uid });
  const started = Date.now();
  const run = spawnSync(process.execPath, [`--max-old-space-size=${options.heapMb ?? HEAP_MB}`, BIN, ...args], spawnOptions);
  return { code: run.status, signal: run.signal, stdout: String(run.stdout), stderr: String(run.stderr), ms: Date.now() - started };
}

/** The same without blocking this process: for runs that reach a server the test itself runs. */
export function hardenAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30', ...options.env },
      timeout: TIME_LIMIT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

const made: string[] = [];

/** A fresh folder anyone can read (the unreadable-folder case runs the CLI as another user). */
export function tempDir(prefix = 'harden-adv-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** For afterAll: some hostile files are large. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** stderr's lines, without the empty last one. */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}

/** Writes files (text or bytes) and symbolic links (`{ link: target }`) under a new temp folder. */
export function tree(files: Record<string, string | Buffer | { link: string }>, dir = tempDir('harden-tree-')): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, full);
    else writeFileSync(full, content);
  }
  return dir;
}

export const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers:\n    - name: app\n      image: nginx\n`;
