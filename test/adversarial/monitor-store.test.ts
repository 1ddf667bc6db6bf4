import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, startSwitchableTarget, type SwitchableTarget } from '../../src/testing/monitor-targets.js';
import { cleanUp, daemon, harden, tempDir, within, writePlan } from './monitor-harness.js';
import { unreachableByNobody, UNPRIVILEGED } from '../../src/testing/unprivileged.js';

let target: SwitchableTarget;
beforeEach(async () => {
  target = await startSwitchableTarget();
});
afterEach(async () => {
  cleanUp();
  await target.close();
});

const plan = (extra = '') => `monitors:\n  - { name: api, http: "${target.origin}/health", every: 1s }\nmonitoring:\n  metrics: false\n${extra}`;
const started = (logs: Record<string, unknown>[]) => logs.some((l) => l.msg === 'monitor started');

/** Runs the built CLI as the unprivileged user nobody (root writes anywhere, so read-only would mean nothing). */
function asNobody(dir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', join(process.cwd(), 'bin/harden.js'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, ...UNPRIVILEGED });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Issue 9, defects 5, 6, 18, 19 and 25: the database and its lock under hostile conditions. */
describe('the monitor database', () => {
  it.skipIf(unreachableByNobody())('monitor status and history read a database in a folder they cannot write', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    expect((await harden(dir, ['monitor', '--once'])).code).toBe(0);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, '.harden'), 0o555);
    try {
      const status = await asNobody(dir, ['monitor', 'status']);
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/\napi\s+up\s+100\.00%/);
      const history = await asNobody(dir, ['monitor', 'history', 'api', '--format', 'json']);
      expect(history.code).toBe(0);
      expect((JSON.parse(history.stdout) as { samples: unknown[] }).samples).toHaveLength(1);
      expect(existsSync(join(dir, '.harden/harden.db-shm'))).toBe(false);
    } finally {
      chmodSync(join(dir, '.harden'), 0o755);
    }
  });

  it('refuses the SQLite database of another application without adding a table to it', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    const file = join(dir, 'app.db');
    const app = new Database(file);
    app.exec("create table accounts (id integer primary key, email text); insert into accounts (email) values ('ops@example.com')");
    app.close();
    for (const args of [['monitor', '--once', '--database', 'app.db'], ['monitor', 'status', '--database', 'app.db']]) {
      const run = await harden(dir, args);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`harden: database ${file} is not a harden database: it holds other tables (accounts) and none of harden's; give harden a database of its own (monitoring.database, --database or HARDEN_DATABASE_URL)\n`);
    }
    const after = new Database(file, { readonly: true });
    expect(after.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([{ name: 'accounts' }]);
    after.close();
  });

  it('stops with exit 1 and a clear error when the database is deleted while it runs', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    const run = daemon(dir);
    await eventually(() => started(run.logs), 15_000, 'daemon start');
    await eventually(() => run.logs.length > 0 && existsSync(join(dir, '.harden/harden.db')), 5000, 'database');
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `.harden/harden.db${suffix}`), { force: true });
    expect(await within(run.exited, 10_000)).toEqual({ code: 1, signal: null });
    expect(run.logs.find((l) => l.level === 'error')?.msg).toMatch(/database .*harden\.db was deleted while the monitor ran; stopping/);
  });

  it('keeps one daemon per database through a symlink to it', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    const first = daemon(dir);
    await eventually(() => started(first.logs), 15_000, 'daemon start');
    symlinkSync(join(dir, '.harden/harden.db'), join(dir, 'alias.db'));
    const second = await harden(dir, ['monitor', '--once', '--database', 'alias.db']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^another harden monitor \\(pid ${first.child.pid}\\) is using .*alias\\.db; stop it first`));
    first.child.kill('SIGTERM');
    expect(await within(first.exited, 10_000)).toEqual({ code: 0, signal: null });
  });

  it('a lock path that is a directory is a clear error, not an internal one', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    mkdirSync(join(dir, '.harden/harden.db.lock'), { recursive: true });
    const run = await harden(dir, ['monitor', '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${join(dir, '.harden/harden.db.lock')} is in the way of the database lock: it is not a file; remove it (harden creates the lock)\n`);
  });

  it('takes over a stale lock whose pid now belongs to an unrelated live process', async () => {
    const dir = tempDir();
    writePlan(dir, plan());
    mkdirSync(join(dir, '.harden'));
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      // As a lock of an earlier release (pid only), and as one with a start time that is not the sleeper's.
      for (const lock of [`${sleeper.pid}\n`, `${sleeper.pid}\n1\n`]) {
        writeFileSync(join(dir, '.harden/harden.db.lock'), lock);
        const run = await harden(dir, ['monitor', '--once']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(existsSync(join(dir, '.harden/harden.db.lock'))).toBe(false);
      }
    } finally {
      sleeper.kill('SIGKILL');
    }
    expect(readFileSync(join(dir, 'harden.yaml'), 'utf8')).toContain('name: api');
  });
});
