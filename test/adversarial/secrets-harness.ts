import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Planted } from '../../src/testing/planted-secrets.js';

export const BIN = resolve('bin/harden.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child process with a bounded heap, without blocking this process (local servers live here). */
export function harden(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30', HARDEN_DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`harden ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Every file under `dir` as text (binary ones too, decoded as latin1 so no byte is lost), by relative path. */
export function filesUnder(dir: string, skip: (path: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (skip(relative(dir, path))) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path).toString('latin1');
    }
  };
  walk(dir);
  return out;
}

/**
 * Where a planted secret shows beyond its 4-character mask: any 8-character window of a
 * hidden part (so also the secret minus its first 4 characters), in any output.
 */
export function leaks(outputs: Record<string, string>, planted: readonly Planted[]): string[] {
  const found: string[] = [];
  for (const plant of planted)
    for (const part of plant.hidden) {
      if (part.length < 12) throw new Error(`${plant.detector}: a hidden part needs 12 characters or more to be searched without false alarms: ${part}`);
      for (const [name, text] of Object.entries(outputs)) {
        for (let i = 0; i + 8 <= part.length; i++) {
          const at = text.indexOf(part.slice(i, i + 8));
          if (at < 0) continue;
          found.push(`${name}: ${plant.detector} shows "${part.slice(i, i + 8)}" in …${text.slice(Math.max(0, at - 60), at + 40).replace(/\n/g, '⏎')}…`);
          break;
        }
      }
    }
  return found;
}
