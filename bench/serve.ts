// harden serve over a large store: BENCH_MONITORS (default 10,000) monitors with BENCH_DAYS (default
// 30) days of history in SQLite. The rollups (day buckets for the bars, hour buckets for the last
// day) are seeded directly, as 30 days of raw samples for 10,000 monitors (43 million rows at one a
// minute) would take far longer to write than to read; the last minute is raw samples, not folded yet.
// Prints the snapshot's build time (first request, and each refresh), then server time per request
// measured by the server (arrival to last byte written) over 127.0.0.1: /status pages rendered (cache misses, 100 monitors each), /status cached
// (ETag replies kept per URL), a named page of 50 monitors, and badges. Goals: status page p95
// <= 100 ms, badge p95 <= 10 ms, dashboard p95 <= 200 ms. Then phase 2 (needs `npm run build`): harden serve with its
// daemon on the same store, its schedule lag without and with BENCH_READERS (200) concurrent /status readers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { planSchema } from '../src/plan/schema.js';
import type { Principal } from '../src/server/auth/session.js';
import { startStatusServer } from '../src/server/server.js';
import { SnapshotBuilder } from '../src/status/snapshot.js';
import { openStore } from '../src/store/open.js';

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.now();

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function seed(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const monitor = db.prepare('insert into monitors (id, name) values (?, ?)');
  const state = db.prepare('insert into monitor_states (monitor_id, consecutive_failures, consecutive_successes, first_failure, open_incident, last_sample_at, last_ok) values (?, 0, 1, null, null, ?, ?)');
  const row = (table: string) =>
    db.prepare(`insert into ${table} (monitor_id, start, total, failed, maintenance, up, latency_sum_us, latency_min_us, latency_max_us, hist) values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`);
  const day = row('rollup_day');
  const hour = row('rollup_hour');
  const sample = db.prepare('insert into samples (monitor_id, at, flags, latency_us, status) values (?, ?, ?, ?, 200)');
  const empty = Buffer.alloc(0);
  const today = Math.floor(NOW / DAY) * DAY;
  const thisHour = Math.floor(NOW / HOUR) * HOUR;
  db.transaction(() => {
    for (let id = 1; id <= MONITORS; id++) {
      monitor.run(id, `m${id}`);
      const down = id % 97 === 0;
      state.run(id, NOW - 30_000, down ? 0 : 1);
      for (let d = DAYS; d >= 1; d--) {
        const failed = (id + d) % 53 === 0 ? 12 : 0;
        day.run(id, today - d * DAY, 1440, failed, 1440 - failed, (1440 - failed) * (40_000 + (id % 200) * 100), 20_000, 900_000, empty);
      }
      day.run(id, today, 0, 0, 0, 0, null, null, empty);
      for (let h = 23; h >= 1; h--) hour.run(id, thisHour - h * HOUR, 60, 0, 60, 60 * (40_000 + ((id + h) % 50) * 1000), 20_000, 900_000, empty);
    }
    const watermark = db.prepare('insert into store_meta (key, value) values (?, ?) on conflict(key) do update set value = excluded.value');
    for (const table of ['rollup_day', 'rollup_hour', 'rollup_minute']) watermark.run(`watermark:${table}`, 0);
    // The last minute, not folded yet: one raw sample per monitor.
    for (let id = 1; id <= MONITORS; id++) sample.run(id, NOW - 60_000 + (id % 60) * 1000, id % 97 === 0 ? 0 : 1, 45_000);
  })();
  db.close();
}

let lastServed = NaN;

/** The server's own time for the request (arrival to last byte written), not the client's. */
async function timed(url: string): Promise<number> {
  lastServed = NaN;
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return lastServed;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-serve-'));
  const file = join(dir, 'harden.db');
  try {
    const setup = await openStore({ sqlite: file });
    await setup.migrate();
    await setup.close();
    const seeding = performance.now();
    seed(file);
    console.log(`${MONITORS} monitors, ${DAYS} days of day rollups + 23 h of hour rollups + 1 min of raw samples, seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const monitors = Array.from({ length: MONITORS }, (_, i) => ({ name: `m${i + 1}`, http: { url: `https://m${i + 1}.example.test/health` } }));
    const plan = planSchema.parse({ monitors, statusPages: [{ slug: 'team', title: 'Team', monitors: monitors.slice(0, 50).map((m) => m.name) }] });
    const store = await openStore({ sqlite: file });

    const builder = new SnapshotBuilder(store);
    let start = performance.now();
    await builder.build(plan, NOW);
    const cold = performance.now() - start;
    const refreshes: number[] = [];
    for (let i = 0; i < 5; i++) {
      start = performance.now();
      await builder.build(plan, NOW + 1000 * (i + 1));
      refreshes.push(performance.now() - start);
    }
    console.log(`snapshot: first build ${ms(cold)} (90 days of bars, 24 h of hours, for every monitor); refresh (today and this hour only) p50 ${ms(quantile(refreshes, 0.5))}, max ${ms(Math.max(...refreshes))}`);

    // The dashboard's tests sign in the same way: an Authenticate that knows every request.
    const authenticate = async (): Promise<Principal> => ({ user: 'bench', role: 'viewer', via: 'session', csrf: '' });
    const server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, now: () => NOW, refreshMs: 3_600_000, authenticate, onServed: (_path, time) => (lastServed = time) });
    await timed(`${server.url}/status`); // the first request builds the snapshot
    const pages = Math.ceil(MONITORS / 100);
    const rendered: number[] = [];
    for (let page = 2; page <= pages; page++) rendered.push(await timed(`${server.url}/status?page=${page}`));
    const cached: number[] = [];
    for (let i = 0; i < 200; i++) cached.push(await timed(`${server.url}/status`));
    const named: number[] = [await timed(`${server.url}/status/team`)];
    for (let i = 0; i < 100; i++) named.push(await timed(`${server.url}/status/team`));
    const badgeMiss: number[] = [];
    for (let i = 1; i <= 500; i++) badgeMiss.push(await timed(`${server.url}/badge/m${i}/uptime-24h.svg`));
    const badgeHit: number[] = [];
    for (let i = 1; i <= 500; i++) badgeHit.push(await timed(`${server.url}/badge/m${i}/uptime-24h.svg`));
    const dashboard: number[] = [];
    for (let i = 0; i < 30; i++) dashboard.push(await timed(`${server.url}/dashboard`));
    const report = (name: string, values: number[]) => console.log(`${name.padEnd(44)} p50 ${ms(quantile(values, 0.5)).padStart(9)}  p95 ${ms(quantile(values, 0.95)).padStart(9)}  (n=${values.length})`);
    report('/status?page=N, rendered (100 monitors)', rendered);
    report('/status, cached reply', cached);
    report('/status/team (50 monitors)', named);
    report('badge, rendered', badgeMiss);
    report('badge, cached reply', badgeHit);
    report('/dashboard (signed in, page 1)', dashboard);
    console.log(`goals: status page p95 <= 100 ms, badge p95 <= 10 ms, dashboard p95 <= 200 ms (server time: request arrival to last byte written; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    await server.close();
    await store.close();
    await underReaders(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const READERS = Number(process.env.BENCH_READERS ?? 200);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 30);
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 30);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 60);
const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (time: number) => new Promise((resolve) => setTimeout(resolve, time));

const TARGET = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); });
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

/**
 * Phase 2: \`harden serve\` (compiled: run \`npm run build\` first) with its daemon probing every monitor
 * over HTTP every 60 s against a local target (its own process), on the seeded store. The daemon's
 * schedule lag (its stats lines, every 5 s) without readers, then while READERS clients read
 * /status and its pages in a loop for READ_SECONDS. harden serve builds its first snapshot at start-up:
 * the per-interval lag of its stats lines is printed from start-up on, the build included.
 */
async function underReaders(dir: string, database: string): Promise<void> {
  const target = spawn(process.execPath, ['-e', TARGET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => target.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  const lines = ['monitoring:', '  metrics: false', `  database: ${database}`, '  concurrency: 256', 'monitors:'];
  for (let id = 1; id <= MONITORS; id++)
    lines.push(`  - { name: m${id}, http: "http://127.0.0.1:${port}/health?m=${id}", every: 60s, timeout: 10s, expect: ["status == 200", "body.status == 'ok'"] }`);
  writeFileSync(join(dir, 'harden.yaml'), `${lines.join('\n')}\n`);
  const started = performance.now();
  const daemon: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), join(ROOT, 'bin/harden.js'), 'serve', '--listen', '127.0.0.1:0', '--stats-every', '5s'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  // p99: over the daemon's last 8,192 probe starts (49 s at 10,000 monitors); interval: only those since the previous line.
  const stats: { t: number; p50: number; p99: number; intervalP99: number; intervalMax: number; rssMb: number }[] = [];
  let url: string | undefined;
  let buffered = '';
  daemon.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const all = buffered.split('\n');
    buffered = all.pop()!;
    for (const line of all) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'status pages served') url = String(entry.url);
      if (entry.msg === 'stats') stats.push({ t: performance.now(), p50: Number(entry.lagP50Ms), p99: Number(entry.lagP99Ms), intervalP99: Number(entry.intervalLagP99Ms), intervalMax: Number(entry.intervalLagMaxMs), rssMb: Number(entry.rssMb) });
      if (entry.msg === 'status snapshot failed') console.error(line);
      if (entry.level === 'error') console.error(line);
    }
  });
  const exited = new Promise((resolve) => daemon.on('exit', resolve));
  try {
    while (url === undefined) await sleep(100);
    console.log(`\nharden serve with its daemon: ${MONITORS} HTTP monitors every 60 s against 127.0.0.1:${port}, up in ${((performance.now() - started) / 1000).toFixed(1)} s; ${WARM_SECONDS} s to settle`);
    await sleep(WARM_SECONDS * 1000);
    const quietFrom = performance.now();
    await sleep(QUIET_SECONDS * 1000);
    const readFrom = performance.now();
    const pages = Math.ceil(MONITORS / 100);
    let reads = 0;
    let bytes = 0;
    let failures = 0;
    let lastError = '';
    const firstRead: number[] = [];
    const reader = async (index: number) => {
      for (let i = 0; performance.now() - readFrom < READ_SECONDS * 1000; i++) {
        const page = (index + i) % (pages + 1);
        const sent = performance.now();
        try {
          // As a browser asks (gzip accepted); the bytes are read, not inflated: the server's work is the same.
          const response = await request(page === 0 ? `${url}` : `${url}?page=${page}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
          bytes += (await response.body.arrayBuffer()).byteLength;
          if (response.statusCode === 200) reads += 1;
          else failures += 1;
        } catch (error) {
          failures += 1;
          lastError = String((error as { cause?: unknown }).cause ?? error);
        }
        if (i === 0) firstRead.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: READERS }, (_, index) => reader(index)));
    const readSeconds = (performance.now() - readFrom) / 1000;
    await sleep(6000); // the stats line covering the readers' last seconds
    const within = (from: number, to: number) => stats.filter((line) => line.t > from + 5000 && line.t <= to + 5000);
    const summary = (lines: typeof stats) => ({ p50: quantile(lines.map((line) => line.p50), 0.5), p99: Math.max(...lines.map((line) => line.p99)) });
    const quiet = summary(within(quietFrom, readFrom));
    const loaded = summary(within(readFrom, readFrom + readSeconds * 1000));
    console.log(`schedule lag without readers:  p50 ${quiet.p50} ms, p99 ${quiet.p99} ms   (${within(quietFrom, readFrom).length} stats lines of 5 s)`);
    const lagLines = within(readFrom, readFrom + readSeconds * 1000).map((line) => `${((line.t - readFrom) / 1000).toFixed(0)} s: ${line.p99} ms`);
    console.log(`schedule lag p99 per stats line since the readers started: ${lagLines.join(', ')}`);
    console.log(`schedule lag with ${READERS} readers: p50 ${loaded.p50} ms, p99 ${loaded.p99} ms   (${within(readFrom, readFrom + readSeconds * 1000).length} stats lines of 5 s)`);
    console.log(`reads: ${(reads / readSeconds).toFixed(0)}/s served over ${readSeconds.toFixed(0)} s (${(bytes / Math.max(1, reads) / 1024).toFixed(0)} KiB each on the wire; ${reads} reads, ${failures} failed${lastError ? `, last: ${lastError}` : ''}; the readers' first reply, the cold snapshot's build, after ${ms(Math.max(...firstRead))})`);
    console.log(`lag p99 with / without readers = ${(loaded.p99 / quiet.p99).toFixed(2)}; with readers / 250 ms target = ${(loaded.p99 / 250).toFixed(2)}`);
    console.log(`harden serve's RSS (daemon and server thread): ${Math.max(...within(quietFrom, readFrom).map((line) => line.rssMb))} MB without readers, peak ${Math.max(...stats.map((line) => line.rssMb))} MB`);
    // Per 5 s interval (not the 49 s sliding window): start-up (where harden serve builds its first snapshot), quiet, readers.
    const worst = (lines: typeof stats) => `p99 ${Math.max(...lines.map((line) => line.intervalP99))} ms, max ${Math.max(...lines.map((line) => line.intervalMax))} ms`;
    const phases = [
      ['start-up and settling', within(started - 5000, quietFrom)],
      ['without readers', within(quietFrom, readFrom)],
      [`with ${READERS} readers`, within(readFrom, readFrom + readSeconds * 1000)],
    ] as const;
    for (const [name, lines] of phases) console.log(`per-interval lag, ${name}: worst ${worst(lines)}; p99 per line: ${lines.map((line) => line.intervalP99).join(' ')}`);
  } finally {
    daemon.kill('SIGTERM');
    await exited;
    target.kill();
  }
}

await main();
