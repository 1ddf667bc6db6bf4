import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { ensureServices, freePort, startPostgres } from '../src/testing/services.js';
import { eventually, startAlertReceiver, startSwitchableTarget, type AlertReceiver, type SwitchableTarget } from '../src/testing/monitor-targets.js';

const BIN = resolve('bin/harden.js');
// HARDEN_TEST_MIN_INTERVAL: the kill -9 case probes every 100 ms, below the 1 s floor plans are held to.
const ENV = { ...process.env, NO_COLOR: '1', HARDEN_NOW: '', HARDEN_DATABASE_URL: '', HOOK_SECRET: 'k3y', HARDEN_TEST_MIN_INTERVAL: '100ms' };

let dir: string;
let target: SwitchableTarget;
let receiver: AlertReceiver;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harden-monitor-cli-'));
  target = await startSwitchableTarget();
  receiver = await startAlertReceiver();
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await target.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built CLI without blocking this process (the targets live here). */
function harden(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Starts `harden monitor` in the background; `logs` fills with its JSON lines. */
function daemon(args: string[] = []): { child: ChildProcess; logs: Record<string, unknown>[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'monitor', ...args], { cwd: dir, env: ENV });
  children.push(child);
  const logs: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, logs, exited };
}

function writePlan(monitors: string, extra = ''): void {
  writeFileSync(
    join(dir, 'harden.yaml'),
    `monitors:\n${monitors}\nalerts:\n  hook: { webhook: { url: ${receiver.origin}/hook, secret: env:HOOK_SECRET } }\n${extra}`,
  );
}

const api = (every = '1s', more = '') => `  - name: api\n    http: ${target.origin}/health\n    every: ${every}\n    expect: ["status == 200", "body.status == 'ok'"]\n    alert: [hook]\n${more}`;

describe('harden monitor (built CLI)', () => {
  it('--once records a sample; status and history show it', async () => {
    writePlan(api());
    const once = await harden(['monitor', '--once']);
    expect(once.code).toBe(0);
    expect(JSON.parse(once.stdout.trim().split('\n').at(-1)!)).toMatchObject({ level: 'info', msg: 'probed every monitor once', monitors: 1, down: [] });

    const status = await harden(['monitor', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^MONITOR\s+STATE\s+UP 24h\s+7d\s+30d\s+p50\s+p95\s+p99\s+INCIDENT\napi\s+up\s+100\.00%\s+100\.00%\s+100\.00%\s+\d+ms\s+\d+ms\s+\d+ms\s+-\n$/);

    const history = await harden(['monitor', 'history', 'api', '--format', 'json']);
    const parsed = JSON.parse(history.stdout) as { samples: { ok: boolean; status: number }[]; incidents: unknown[] };
    expect(parsed.samples).toHaveLength(1);
    expect(parsed.samples[0]).toMatchObject({ ok: true, status: 200 });
    expect(parsed.incidents).toEqual([]);

    target.mode = 'error';
    expect((await harden(['monitor', '--once'])).code).toBe(1);
    expect((await harden(['monitor', 'history', 'api'])).stdout).toMatch(/down\s+\d+ms\s+500\s+\(dns 0 · connect \d+ · first byte \d+\)\s+status == 200: got 500/);
    expect((await harden(['monitor', 'history', 'nope'])).stderr).toContain('unknown monitor "nope" (monitors: api)');
  });

  it('status lists alerts not delivered while they are pending, and no longer once they all went out', async () => {
    writePlan(api('1s', '    confirm: 1\n'), 'monitoring:\n  metrics: false\n');
    receiver.down = true;
    target.mode = 'error';
    expect((await harden(['monitor', '--once'])).code).toBe(1);
    expect((await harden(['monitor', 'status'])).stdout).toMatch(/\nAlerts not delivered\n {2}hook: 1 pending, 1 failing — last error .*: HTTP 503/);
    receiver.down = false;
    // The failed delivery is retried after its backoff (2.5-5 s): --once sends what is due.
    await eventually(async () => (await harden(['monitor', '--once']), receiver.deliveries.length === 1), 20_000, 'the alert delivered');
    const status = await harden(['monitor', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).not.toContain('Alerts not delivered');
    expect(status.stdout).not.toContain('0 pending');
  });

  it('keeps its history in PostgreSQL when HARDEN_DATABASE_URL is set', async () => {
    ensureServices();
    const postgres = await startPostgres({ auth: 'trust' });
    try {
      const env = { HARDEN_DATABASE_URL: `postgres://postgres@127.0.0.1:${postgres.port}/postgres` };
      writePlan(api());
      expect((await harden(['monitor', '--once'], env)).code).toBe(0);
      target.mode = 'error';
      expect((await harden(['monitor', '--once'], env)).code).toBe(1);
      const history = JSON.parse((await harden(['monitor', 'history', 'api', '--format', 'json'], env)).stdout) as { samples: { ok: boolean }[] };
      expect(history.samples.map((s) => s.ok)).toEqual([false, true]);
      expect((await harden(['monitor', 'status'], env)).stdout).toMatch(/\napi\s+down\s+50\.00%/);
      expect(existsSync(join(dir, '.harden'))).toBe(false);
    } finally {
      await postgres.close();
    }
  }, 60_000);

  it('rejects a bad condition with the plan file and line', async () => {
    writePlan(`  - name: api\n    http: ${target.origin}/\n    expect: ["status == 200", "latency < soon"]\n`);
    const run = await harden(['monitor', '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^harden\.yaml:4:\d+: column \d+ of "latency < soon": /m);
  });

  it('runs as a daemon: serves metrics, stops cleanly on SIGTERM with exit 0', async () => {
    const port = await freePort();
    writePlan(api('200ms'));
    const { child, logs, exited } = daemon(['--metrics', `127.0.0.1:${port}`]);
    await eventually(() => logs.some((l) => l.msg === 'monitor started'), 10_000, 'daemon start');
    await eventually(async () => /harden_monitor_probes_total\{[^}]*monitor="api"[^}]*result="up"[^}]*\} [1-9]/.test(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()), 5000, 'metrics with a probe');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.at(-1)).toMatchObject({ msg: 'monitor stopped' });
  });

  it('Ctrl-C while an alert delivery is in flight says what it waits for; Ctrl-C again abandons it and stops cleanly', async () => {
    writePlan(api('1s', '    confirm: 1\n'), 'monitoring:\n  metrics: false\n  shutdownGrace: 5s\n');
    target.mode = 'error';
    receiver.hang = true;
    const { child, logs, exited } = daemon();
    await eventually(() => receiver.held >= 1, 15_000, 'an alert delivery held by the receiver');
    child.kill('SIGINT');
    await eventually(() => logs.some((l) => String(l.msg).startsWith('waiting up to 5s for ')), 5000, 'the waiting line');
    expect(logs.find((l) => String(l.msg).startsWith('waiting up to 5s for '))!.msg).toMatch(/^waiting up to 5s for (?:\d+ probes? and )?1 alert delivery in flight; the signal again \(Ctrl-C\) stops now$/);
    const second = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(child.signalCode).toBeNull();
    // Well within the 5 s grace, and the delivery (held for ever) was abandoned, not waited for.
    expect(Date.now() - second).toBeLessThan(4000);
    expect(logs.some((l) => l.msg === 'alert delivery abandoned at shutdown; it stays pending and is sent at the next start')).toBe(true);
    expect(logs.at(-1)).toMatchObject({ msg: 'monitor stopped' });
    expect(existsSync(join(dir, '.harden', 'harden.db.lock'))).toBe(false);
  }, 30_000);

  it('a metrics port already in use is a clear error, before any probe', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      writePlan(api());
      const run = await harden(['monitor', '--metrics', `127.0.0.1:${port}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`metrics: cannot listen on 127.0.0.1:${port}: the address is already in use (set monitoring.metrics to another host:port or false, or --metrics off)\n`);
      expect(target.requests).toBe(0);
    } finally {
      busy.close();
    }
  });

  it('refuses a second daemon on the same database, and takes over the lock of a killed one', async () => {
    writePlan(api('1s'), 'monitoring:\n  metrics: false\n');
    const first = daemon();
    await eventually(() => first.logs.some((l) => l.msg === 'monitor started'), 10_000, 'daemon start');
    const second = await harden(['monitor', '--once']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^another harden monitor \\(pid ${first.child.pid}\\) is using .*harden\\.db; stop it first \\(monitor status and monitor history can run alongside; to serve pages beside it, run "harden serve --no-monitor"\\)$`, 'm'));
    expect((await harden(['monitor', 'status'])).code).toBe(0);
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await harden(['monitor', '--once'])).code).toBe(0);
  }, 30_000);

  it('kill -9 mid-run, then restart: no lost or duplicated incident or alert, and the database is intact', async () => {
    writePlan(api('100ms', '    timeout: 80ms\n    confirm: 2\n'), 'monitoring:\n  metrics: false\n');
    const modes: SwitchableTarget['mode'][] = ['error', 'up', 'error', 'up', 'error', 'up'];
    for (const [round, mode] of modes.entries()) {
      const { child, logs, exited } = daemon();
      await eventually(() => logs.some((l) => l.msg === 'monitor started'), 10_000, 'daemon start');
      target.mode = mode;
      // Kill at a different point of the outage or recovery each round.
      await new Promise((resolve) => setTimeout(resolve, 150 + 90 * round));
      child.kill('SIGKILL');
      await exited;
    }
    target.mode = 'up';
    const last = daemon();
    await eventually(() => last.logs.some((l) => l.msg === 'monitor started'), 10_000, 'daemon start');
    const store = await openStore({ sqlite: join(dir, '.harden/harden.db') });
    try {
      await eventually(async () => (await store.openIncidents()).length === 0 && (await store.outboxStats()).every((s) => s.pending === 0), 10_000, 'settled');
      last.child.kill('SIGTERM');
      expect(await last.exited).toBe(0);
      expect(await store.integrityCheck()).toEqual([]);
      const incidents = await store.incidents({ monitor: 'api', limit: 1000 });
      expect(incidents.length).toBeGreaterThan(0);
      const keys = receiver.deliveries.map((d) => (d.json as { key: string }).key);
      expect(new Set(keys).size).toBe(keys.length);
      const expected = incidents.flatMap((i) => [`incident:${i.key}:opened`, ...(i.closedAt !== null ? [`incident:${i.key}:resolved`] : [])]);
      expect([...keys].sort()).toEqual(expected.sort());
      const spans = [...incidents].sort((a, b) => a.openedAt - b.openedAt);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.openedAt).toBeGreaterThanOrEqual(spans[i - 1]!.closedAt!);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a database on a read-only or full filesystem is a clear error and a non-zero exit', async () => {
    const mountPoint = join(dir, 'small');
    mkdirSync(mountPoint);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    if (mounted.status !== 0) {
      // No permission to mount here: the store's own tests cover SQLITE_FULL and read-only files.
      console.warn(`skipped: cannot mount a small tmpfs (${mounted.stderr.toString().trim()})`);
      return;
    }
    try {
      // A timeout of 1 s, not the interval's 100 ms: --once exits 1 when a probe fails, and a loaded machine may be slow.
      writePlan(`  - name: api\n    http: ${target.origin}/health\n    every: 1s\n`, 'monitoring:\n  metrics: false\n  database: small/harden.db\n');
      expect((await harden(['monitor', '--once'])).code).toBe(0);

      spawnSync('mount', ['-o', 'remount,ro', mountPoint]);
      const readOnly = await harden(['monitor', '--once']);
      expect(readOnly.code).toBe(1);
      expect(readOnly.stderr).toMatch(/^harden: .*small\/harden\.db.*(read-only|writable)/m);
      spawnSync('mount', ['-o', 'remount,rw', mountPoint]);

      const { logs, exited } = daemon();
      await eventually(() => logs.some((l) => l.msg === 'monitor started'), 10_000, 'daemon start');
      const { bavail, bsize } = statfsSync(mountPoint);
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(Number(bavail) * Number(bsize)));
      expect(await exited).toBe(1);
      expect(logs.find((l) => l.level === 'error')?.msg).toMatch(/database .*harden\.db cannot grow: the disk is full/);
    } finally {
      spawnSync('umount', ['-l', mountPoint]);
    }
  }, 30_000);
  it('verify: "uptime monitoring with alerts" is done once the store has samples and a test alert went out through the CLI', async () => {
    writePlan(api('60s'), 'items:\n  - id: OPS-1\n    kind: task\n    title: Set up uptime monitoring with Slack/email alerts\n    status: done\n    checks: [monitor/alerting]\n');
    const store = await openStore({ sqlite: join(dir, '.harden', 'harden.db') });
    await store.migrate();
    await store.commit({ samples: [{ monitor: 'api', at: Date.now() - 5_000, ok: true, latencyMs: 12 }], states: [], opened: [], closed: [], alerts: [] });
    await store.close();

    const sent = await harden(['monitor', 'test-alert', '--channel', 'hook']);
    expect([sent.code, sent.stdout, sent.stderr]).toEqual([0, 'hook  delivered\n', '']);
    expect(receiver.deliveries.map((d) => (d.json as { kind: string }).kind)).toEqual(['test']);

    const verified = spawnSync(process.execPath, [BIN, 'verify', '--verbose'], { cwd: dir, env: ENV, encoding: 'utf8' });
    expect(verified.stdout).toMatch(/Verified \(1\)[\s\S]*OPS-1 Set up uptime monitoring with Slack\/email alerts/);
    expect(verified.status).toBe(0);
  });
});
