import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAEMON_LOCK_KEY } from '../src/store/postgres-lock.js';
import { createPostgresDatabase } from '../src/store/postgres.js';
import { eventually, startSwitchableTarget, type SwitchableTarget } from '../src/testing/monitor-targets.js';
import { ensureServices, startPostgres, type RunningService } from '../src/testing/services.js';
import { HARDEN_BIN, runHardenSync } from './run-cli.js';

// harden serve scaled out on PostgreSQL: one process with the monitor daemon, others serving only
// (--no-monitor), all stateless: sessions, users and the samples are in the database.

const dir = mkdtempSync(join(tmpdir(), 'harden-serve-pg-'));
let postgres: RunningService;
let target: SwitchableTarget;
let env: NodeJS.ProcessEnv;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  ensureServices();
  [postgres, target] = await Promise.all([startPostgres({ auth: 'trust' }), startSwitchableTarget()]);
  env = { HARDEN_DATABASE_URL: await createPostgresDatabase(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`, 'serve_scale_out'), HARDEN_NOW: '' };
  writeFileSync(join(dir, 'harden.yaml'), `monitors:\n  - name: api\n    http: ${target.origin}/health\n    every: 1s\nmonitoring:\n  metrics: false\n`);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await target?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `harden serve ARGS` in the background; resolves to its base URL once it serves. */
async function serve(args: string[]): Promise<{ base: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, [HARDEN_BIN, 'serve', '--listen', '127.0.0.1:0', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await eventually(() => out.includes('"status pages served"') || child.exitCode !== null, 20_000, 'harden serve to listen');
  const url = /"url":"(http:[^"]+)\/status"/.exec(out)?.[1];
  if (!url) throw new Error(`harden serve ${args.join(' ')} did not start: ${err}${out}`);
  return { base: url, child };
}

it('runs one daemon and any number of --no-monitor servers on one PostgreSQL database: a second daemon is refused, sessions and pages are the same on every server', async () => {
  const added = spawnSync(process.execPath, [HARDEN_BIN, 'user', 'add', 'ada', '--role', 'operator'], { cwd: dir, input: 'a long enough password\n', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  expect(added.stderr).toBe('');
  const [withDaemon, servingOnly] = await Promise.all([serve([]), serve(['--no-monitor'])]);

  // The lock is the database's, not the process's: a second daemon elsewhere is refused with the reason.
  const second = runHardenSync(['monitor'], { cwd: dir, env: { ...env } });
  expect(second.code).toBe(2);
  expect(second.stderr).toContain('another harden monitor is using the PostgreSQL database');
  expect(second.stderr).toContain('/serve_scale_out;');

  // What the daemon beside one server probes, the other shows.
  await eventually(async () => {
    const reply = await fetch(`${servingOnly.base}/api/v1/monitors`);
    return ((await reply.json()) as { monitors: { state: string }[] }).monitors[0]?.state === 'up';
  }, 15_000, 'the serving-only process to show the daemon\'s samples');

  // Signed in on one, signed in on the other; signed out on the other, signed out on both.
  const form = await fetch(`${servingOnly.base}/login`);
  const loginCookie = /^(__Host-harden-login=[^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${servingOnly.base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, user: 'ada', password: 'a long enough password', next: '/dashboard' }).toString(),
  });
  expect(signedIn.status).toBe(303);
  const session = /^(__Host-harden-session=[^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
  const dashboard = await fetch(`${withDaemon.base}/dashboard`, { headers: { cookie: session }, redirect: 'manual' });
  expect(dashboard.status).toBe(200);
  const logoutCsrf = /action="\/logout"[^]*?name="csrf" value="([^"]+)"/.exec(await dashboard.text())![1]!;
  const out = await fetch(`${withDaemon.base}/logout`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session }, body: `csrf=${logoutCsrf}` });
  expect(out.status).toBe(303);
  expect((await fetch(`${servingOnly.base}/dashboard`, { headers: { cookie: session }, redirect: 'manual' })).status).toBe(303);

  // Either kind stops on SIGTERM with 0; the daemon's lock goes with it, and the next daemon takes it.
  const exits = [withDaemon.child, servingOnly.child].map((child) => new Promise<number | null>((done) => child.on('exit', done)));
  withDaemon.child.kill('SIGTERM');
  servingOnly.child.kill('SIGTERM');
  expect(await Promise.all(exits)).toEqual([0, 0]);
  const next = await serve([]);
  const exited = new Promise<number | null>((done) => next.child.on('exit', done));
  next.child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 90_000);

it('takes the lock again after its connection is lost (a terminated backend, a server restart), and stops if another daemon took it meanwhile', async () => {
  const daemon = spawn(process.execPath, [HARDEN_BIN, 'monitor'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env } });
  children.push(daemon);
  let out = '';
  daemon.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => daemon.on('exit', done));
  await eventually(() => out.includes('"monitor started"'), 20_000, 'the daemon to start');
  const admin = new pg.Client({ connectionString: env.HARDEN_DATABASE_URL });
  await admin.connect();
  const lockHolder = "select pid from pg_locks where locktype = 'advisory' and granted";
  try {
    await admin.query(`select pg_terminate_backend(pid) from (${lockHolder}) holder`);
    await eventually(() => out.includes("the monitor's lock on") && out.includes('is held again'), 10_000, 'the lock taken again');
    expect(daemon.exitCode).toBeNull();
    // Terminated again, and this time another session is first in line for the lock.
    const { rows } = await admin.query<{ locked: string }>(`select pg_terminate_backend(pid), pg_advisory_lock(${DAEMON_LOCK_KEY}) as locked from (${lockHolder}) holder`);
    expect(rows).toHaveLength(1);
    expect(await exited).toBe(1);
    expect(out).toContain('another harden monitor took the lock on');
  } finally {
    await admin.end();
  }
}, 60_000);
