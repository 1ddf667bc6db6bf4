import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built CLI, as users run it. */
export const HARDEN_BIN = resolve('bin/harden.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to this process's environment (NO_COLOR is always set). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** `harden ARGS` to completion, blocking: for tests whose servers do not run in this process. */
export function runHardenSync(args: readonly string[], { cwd, env = {}, timeoutMs = 60_000 }: CliOptions): CliRun {
  const run = spawnSync(process.execPath, [HARDEN_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: timeoutMs });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `harden ARGS` to completion without blocking: for tests whose servers (HTTP, sshd children) run in this process. */
export function runHarden(args: readonly string[], { cwd, env = {} }: CliOptions): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [HARDEN_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
