// The monitor daemon under load: BENCH_MONITORS (default 10,000) HTTP monitors every 60 s
// against a local target, for BENCH_SECONDS (default 180), as `harden monitor` (compiled, its
// own process; the target runs in another one so the daemon's CPU is its own). Prints probes/s
// achieved over scheduled, schedule lag p50/p99 (from the daemon's stats lines), the daemon's
// CPU as a share of one core, its peak RSS, the database's growth per hour and the steady-state
// size the default retention implies (from each table's measured bytes per row, via dbstat).
// Run it past 10 minutes (BENCH_SECONDS=700) to include an hour/day fold in the lag figures;
// BENCH_DAEMON_NODE_OPTIONS (e.g. --max-old-space-size=160) is passed to the daemon. Targets: lag p99 < 250 ms, CPU < 50 %, RSS < 400 MB.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatDuration } from '../src/duration.js';
import { RETENTION_DEFAULTS } from '../src/monitor/schema.js';

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const EVERY_S = 60;
const ROOT = new URL('..', import.meta.url).pathname;
const TICKS_PER_SECOND = 100;

const TARGET = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); });
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

function build(): void {
  const run = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('build failed');
}

async function startTarget(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', TARGET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  return { child, port };
}

function writePlan(dir: string, port: number): void {
  const lines = ['monitoring:', '  metrics: false', '  database: harden.db', '  concurrency: 256', 'monitors:'];
  for (let i = 0; i < MONITORS; i++)
    lines.push(`  - { name: m${i}, http: "http://127.0.0.1:${port}/health?m=${i}", every: ${EVERY_S}s, timeout: 10s, expect: ["status == 200", "body.status == 'ok'"] }`);
  writeFileSync(join(dir, 'harden.yaml'), `${lines.join('\n')}\n`);
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usage(pid: number): { cpuSeconds: number; rssMb: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { cpuSeconds, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

function databaseBytes(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(file + suffix).size;
    } catch {
      /* no WAL right now */
    }
  }
  return bytes;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  build();
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-monitor-'));
  const target = await startTarget();
  writePlan(dir, target.port);
  const database = join(dir, 'harden.db');
  console.log(`${MONITORS} HTTP monitors every ${EVERY_S}s against 127.0.0.1:${target.port} for ${SECONDS}s (scheduled ${(MONITORS / EVERY_S).toFixed(1)} probes/s)`);

  const started = performance.now();
  const nodeOptions = process.env.BENCH_DAEMON_NODE_OPTIONS;
  const env = nodeOptions ? { ...process.env, NODE_OPTIONS: nodeOptions } : process.env;
  if (nodeOptions) console.log(`daemon NODE_OPTIONS=${nodeOptions}`);
  const daemon = spawn(process.execPath, [join(ROOT, 'bin/harden.js'), 'monitor', '--stats-every', '10s', '--no-watch'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const stats: Record<string, number>[] = [];
  let startupMs = NaN;
  let buffered = '';
  daemon.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'monitor started') startupMs = performance.now() - started;
      if (entry.msg === 'stats') stats.push({ ...(entry as Record<string, number>), t: (performance.now() - started) / 1000 });
      if (entry.level === 'error') console.error(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => daemon.on('exit', resolve));

  while (Number.isNaN(startupMs)) await sleep(100);
  const cpuAtStart = usage(daemon.pid!).cpuSeconds;
  const runStarted = performance.now();
  const sizes: { t: number; bytes: number }[] = [];
  while (performance.now() - runStarted < SECONDS * 1000) {
    await sleep(5000);
    sizes.push({ t: (performance.now() - runStarted) / 1000, bytes: databaseBytes(database) });
  }
  const end = usage(daemon.pid!);
  const elapsed = (performance.now() - runStarted) / 1000;
  daemon.kill('SIGTERM');
  const code = await exited;
  target.child.kill();

  // After the first full interval every monitor has run: the steady rate of samples and growth.
  const steady = stats.filter((s) => s.t * 1000 - startupMs >= EVERY_S * 1000);
  const achieved = steady.length ? steady.reduce((sum, s) => sum + (s.probesPerSecond ?? 0), 0) / steady.length : NaN;
  const lagP50 = quantile(steady.map((s) => s.lagP50Ms!), 0.5);
  const lagP99 = Math.max(...steady.map((s) => s.lagP99Ms!));
  const cpu = (end.cpuSeconds - cpuAtStart) / elapsed;
  const growthFrom = sizes.find((s) => s.t >= EVERY_S) ?? sizes[0]!;
  const growthTo = sizes.at(-1)!;
  const growthPerHour = ((growthTo.bytes - growthFrom.bytes) / Math.max(1, growthTo.t - growthFrom.t)) * 3600;

  const db = new Database(database, { readonly: true });
  const tableBytes = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
  /** Bytes a row of the table takes on disk, its indexes included. */
  const bytesPerRow = (table: string) => {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const bytes = tableBytes.filter((t) => t.name === table || t.name.includes(`_${table}_`) || t.name.startsWith(`${table}_`)).reduce((sum, t) => sum + t.bytes, 0);
    return { rows, bytes: rows > 0 ? bytes / rows : NaN };
  };
  const raw = bytesPerRow('samples');
  const tiers = { minute: bytesPerRow('rollup_minute'), hour: bytesPerRow('rollup_hour'), day: bytesPerRow('rollup_day') };
  db.close();

  // Rows each tier holds once full, at the default retention: one per sample, or per monitor and bucket.
  const retention = RETENTION_DEFAULTS;
  const hours = (ms: number) => ms / 3_600_000;
  const samplesPerHour = MONITORS * (3600 / EVERY_S);
  const steadyBytes =
    samplesPerHour * hours(retention.raw) * raw.bytes +
    Math.min(samplesPerHour, MONITORS * 60) * hours(retention.minute) * tiers.minute.bytes +
    MONITORS * hours(retention.hour) * tiers.hour.bytes +
    MONITORS * (hours(retention.day) / 24) * tiers.day.bytes;
  const sizes2 = Object.entries(tiers).map(([tier, t]) => `${tier} ${t.bytes.toFixed(0)} B`).join(', ');

  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
  console.log(`daemon exit ${code}; startup (plan load + store) ${(startupMs / 1000).toFixed(1)} s; measured ${elapsed.toFixed(0)} s, ${steady.length} stats lines after the first interval`);
  console.log(`probes/s achieved / scheduled:   ${achieved.toFixed(1)} / ${(MONITORS / EVERY_S).toFixed(1)} = ${(achieved / (MONITORS / EVERY_S)).toFixed(3)}`);
  console.log(`schedule lag p50 / p99:          ${lagP50} ms / ${lagP99} ms   (p99 / 250 ms target = ${(lagP99 / 250).toFixed(2)})`);
  console.log(`daemon CPU (share of one core):  ${(cpu * 100).toFixed(1)} %   (/ 50 % target = ${(cpu / 0.5).toFixed(2)})`);
  console.log(`daemon peak RSS:                 ${end.peakRssMb.toFixed(0)} MB   (/ 400 MB target = ${(end.peakRssMb / 400).toFixed(2)})`);
  console.log(`database growth:                 ${mb(growthPerHour)}/hour while raw samples accumulate (${raw.rows} samples kept, ${raw.bytes.toFixed(0)} B each with its index; rollup rows: ${sizes2})`);
  console.log(`steady state at the default retention (raw ${formatDuration(retention.raw)}, minute ${formatDuration(retention.minute)}, hour ${formatDuration(retention.hour)}, day ${formatDuration(retention.day)}): ${mb(steadyBytes)}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
