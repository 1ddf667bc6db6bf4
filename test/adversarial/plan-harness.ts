import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/harden.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the built CLI as a user would, with a small heap and a wall-clock limit: a hostile
 * input must end in a clear answer inside both, never in a crash, an OOM or a hang.
 */
export function hardenBounded(args: string[], options: { cwd: string; heapMb?: number; wallMs?: number }): CliRun {
  const started = performance.now();
  const run = spawnSync(process.execPath, [`--max-old-space-size=${options.heapMb ?? 256}`, BIN, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.wallMs ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30' },
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - started };
}

const made: string[] = [];

export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-adv-plan-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** For afterAll: the hostile files are large. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** stderr's lines, without the empty last one. */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}
