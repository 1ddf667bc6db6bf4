import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** The built CLI in a child with a small heap and a time limit, as a user runs it. */
export function harden(args: string[], options: { cwd?: string; uid?: number } = {}): CliRun {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    timeout: TIME_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30' },
  };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.uid });
  const started = Date.now();
  const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], spawnOptions);
  return { code: run.status, signal: run.signal, stdout: String(run.stdout), stderr: String(run.stderr), ms: Date.now() - started };
}

/** A fresh folder anyone can read (the unreadable-folder case runs the CLI as another user). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
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
