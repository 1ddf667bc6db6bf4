import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { lockDatabase } from './instance-lock.js';

let dir: string;
let other: ChildProcess;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'harden-lock-'));
  // A live process that is not a harden monitor.
  other = spawn('sleep', ['30'], { stdio: 'ignore' });
});

afterEach(() => {
  other.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** /proc/PID/stat's start time, as the lock records it. */
function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

function lockError(database: string): string {
  try {
    lockDatabase(database)();
  } catch (error) {
    if (error instanceof InputError) return error.lines.join('\n');
    throw error;
  }
  throw new Error('expected the lock to be refused');
}

describe('lockDatabase', () => {
  it('writes its pid and start time, and removes the lock when released', () => {
    const database = join(dir, 'harden.db');
    const unlock = lockDatabase(database);
    expect(readFileSync(`${database}.lock`, 'utf8')).toBe(`${process.pid}\n${startTime(process.pid)}\n`);
    unlock();
    expect(existsSync(`${database}.lock`)).toBe(false);
  });

  it('is refused while the process that took it runs', () => {
    const database = join(dir, 'harden.db');
    writeFileSync(`${database}.lock`, `${other.pid}\n${startTime(other.pid!)}\n`);
    expect(lockError(database)).toMatch(new RegExp(`^another harden monitor \\(pid ${other.pid}\\) is using .*harden\\.db; stop it first`));
  });

  it('takes over a lock whose pid now belongs to another process', () => {
    const database = join(dir, 'harden.db');
    writeFileSync(`${database}.lock`, `${other.pid}\n1\n`);
    lockDatabase(database)();
    // A lock from before start times were recorded: the command line shows sleep, not a harden monitor.
    writeFileSync(`${database}.lock`, `${other.pid}\n`);
    lockDatabase(database)();
  });

  it('is the same lock through a symlink to the database, existing or not yet', () => {
    mkdirSync(join(dir, 'data'));
    const real = join(dir, 'data', 'harden.db');
    symlinkSync(real, join(dir, 'link.db'));
    writeFileSync(`${real}.lock`, `${other.pid}\n${startTime(other.pid!)}\n`);
    expect(lockError(join(dir, 'link.db'))).toMatch(/another harden monitor/);
    writeFileSync(real, '');
    expect(lockError(join(dir, 'link.db'))).toMatch(/another harden monitor/);
    symlinkSync(join(dir, 'data'), join(dir, 'folder-link'));
    expect(lockError(join(dir, 'folder-link', 'harden.db'))).toMatch(/another harden monitor/);
  });

  it('says so when the lock path is a directory', () => {
    const database = join(dir, 'harden.db');
    mkdirSync(`${database}.lock`);
    expect(lockError(database)).toBe(`${database}.lock is in the way of the database lock: it is not a file; remove it (harden creates the lock)`);
  });
});
