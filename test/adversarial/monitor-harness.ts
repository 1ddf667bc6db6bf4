import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI, run as users run it; each child gets a heap cap so a runaway case fails fast instead of eating the machine. */
const BIN = resolve('bin/harden.js');
const HEAP_MB = 256;

export const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HARDEN_NOW: '', HARDEN_DATABASE_URL: '', HARDEN_TEST_MIN_INTERVAL: '' };

const dirs: string[] = [];
const children: ChildProcess[] = [];

/** A fresh folder for a plan and its database; removed by cleanUp(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-adversarial-monitor-'));
  dirs.push(dir);
  return dir;
}

/** Kills what the test left running and removes its folders: call it from afterEach. */
export function cleanUp(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writePlan(dir: string, text: string): string {
  const file = join(dir, 'harden.yaml');
  writeFileSync(file, text);
  return file;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `harden ARGS` in `dir` to the end (killed after `timeoutMs`), without blocking this process. */
export function harden(dir: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Finished> {
  const started = performance.now();
  const child = start(dir, args, options.env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

export interface Running {
  child: ChildProcess;
  /** The JSON log lines so far. */
  logs: Record<string, unknown>[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `harden monitor ARGS` in `dir` in the background; `logs` fills with its JSON lines. */
export function daemon(dir: string, args: string[] = [], env?: NodeJS.ProcessEnv): Running {
  const child = start(dir, ['monitor', ...args], env);
  const logs: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, logs, stderr: () => stderr, exited };
}

function start(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const options: SpawnOptions = { cwd: dir, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] };
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], options);
  children.push(child);
  return child;
}

/** Whether the process has a handler for `signal` (Linux: the SigCgt mask of /proc/PID/status). */
export function catches(pid: number, signal: 'SIGTERM' | 'SIGINT' | 'SIGHUP'): boolean {
  const number = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal];
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & (1n << BigInt(number - 1))) !== 0n;
  } catch {
    return false;
  }
}

/** Resolves within `ms`: whatever `promise` gave, or `'timed out'`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timed out'>((done) => (timer = setTimeout(() => done('timed out'), ms)))]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
