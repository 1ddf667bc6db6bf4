// The full catalog over synthetic repositories of cross-referenced Kubernetes objects (see
// _synthetic-repo.ts), each figure in a fresh process for a clean peak RSS:
//
// - whole process: `harden scan DIR -f json -o FILE` (the built CLI, its terminal report going to
//   /dev/null) against `node bench/_parse-only.mjs DIR` (walk, read and parse the same files with
//   the same yaml library, keeping nothing), at each size of BENCH_SIZES (default 6000,24000
//   objects); wall time, CPU time (user + sys: steadier than wall time on a shared machine) and
//   peak RSS from /usr/bin/time, and their ratios measured in the same run. `harden scan` of an
//   empty directory is measured too: what harden's own start-up adds to every figure.
// - in process: the engine's scan() against harden's own parse of the same files (Workspace), at
//   BENCH_IN_PROCESS objects (default: the largest size); BENCH_ONLY=id,id,... measures a subset
//   of the catalog there.
//
// BENCH_ROUNDS (default 2) runs of each; the best time and the lowest peak RSS are kept.
// Goals at 24,000 objects: whole process ≤ 2× the parse-only process's time, peak RSS ≤ 400 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticRepo } from './_synthetic-repo.js';

const SIZES = (process.env.BENCH_SIZES ?? '6000,24000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IN_PROCESS = Number(process.env.BENCH_IN_PROCESS ?? Math.max(...SIZES));
const ONLY = process.env.BENCH_ONLY ?? '';
const ROOT = new URL('..', import.meta.url).pathname;
const DIST = new URL('../dist/', import.meta.url).href;
const TIME = '/usr/bin/time';
const GOAL = { size: 24_000, ratio: 2, rssMB: 400 };

/**
 * One phase in a fresh plain-node process running the compiled engine (dist/), as the
 * harden CLI does: no TypeScript loader thread in the measured memory.
 */
const PHASE = `
const [kind, dir, dist, only] = process.argv.slice(1);
const { DEFAULT_GLOBS, Workspace } = await import(dist + 'targets/repo/workspace.js');
const started = performance.now();
let detail = '';
if (kind === 'parse') {
  const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
  let documents = 0;
  for (const file of workspace.files('manifests')) documents += workspace.yaml(file).documents.length;
  detail = documents + ' documents';
} else {
  const { catalog } = await import(dist + 'checks/index.js');
  const { DEFAULT_ENGINE_OPTIONS } = await import(dist + 'engine/run.js');
  const { scan } = await import(dist + 'engine/scan.js');
  const run = await scan({ catalog, root: dir, selection: { only: only ? only.split(',') : [], skip: [] }, verify: false, now: new Date(), engine: DEFAULT_ENGINE_OPTIONS });
  let results = 0;
  let failures = 0;
  for (const result of run.results) {
    results += 1;
    if (result.status === 'fail') failures += 1;
  }
  detail = results + ' results, ' + failures + ' failures, ' + (only ? only.split(',').length : catalog.size) + ' checks';
}
console.log(JSON.stringify({ ms: performance.now() - started, rssMB: process.resourceUsage().maxRSS / 1024, detail }));
`;

interface Figure {
  ms: number;
  /** User + system CPU time; absent when /usr/bin/time is not there. */
  cpuMs?: number;
  rssMB: number;
  detail: string;
}

function inProcess(kind: 'parse' | 'scan', dir: string): Figure {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', PHASE, kind, dir, DIST, ONLY], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figure;
}

/** A command in its own process: wall time from here, CPU time and peak RSS from /usr/bin/time. */
function wholeProcess(args: string[], cwd: string, detail: (stdout: string) => string, exitCodes: readonly number[] = [0]): Figure {
  const timed = existsSync(TIME);
  const report = join(cwd, 'time.txt');
  const command = timed ? [TIME, '-f', '%U %S %M', '-o', report, process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const child = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', args[0]!.endsWith('harden.js') ? 'ignore' : 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (!exitCodes.includes(child.status ?? -1)) throw new Error(`${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  if (!timed) return { ms, rssMB: Number.NaN, detail: detail(child.stdout ?? '') };
  const [user, system, maxKB] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, rssMB: maxKB! / 1024, detail: detail(child.stdout ?? '') };
}

function best(runs: readonly Figure[]): Figure {
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const cpuMs = Math.min(...runs.map((run) => run.cpuMs ?? Number.NaN));
  return { ...fastest, cpuMs, rssMB: Math.min(...runs.map((run) => run.rssMB)) };
}

const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (mb: number) => (Number.isNaN(mb) ? 'n/a' : `${mb.toFixed(0)} MB`);
const describe = (figure: Figure) => `${seconds(figure.ms)} (CPU ${seconds(figure.cpuMs)})  peak RSS ${megabytes(figure.rssMB)}`;

function measureWholeProcess(size: number, dir: string, work: string): void {
  const parse: Figure[] = [];
  const harden: Figure[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    parse.push(wholeProcess([join(ROOT, 'bench/_parse-only.mjs'), dir], work, (stdout) => `${stdout.trim()} documents`));
    rmSync(join(work, 'report.json'), { force: true });
    harden.push(wholeProcess([join(ROOT, 'bin/harden.js'), 'scan', dir, '-f', 'json', '-o', join(work, 'report.json'), '--fail-on', 'none', '--allow-errors'], work, () => ''));
  }
  const p = best(parse);
  const h = best(harden);
  const time = h.ms / p.ms;
  const rss = h.rssMB / p.rssMB;
  const goals = size === GOAL.size ? `   goals: ≤ ${GOAL.ratio}× time, ≤ ${GOAL.rssMB} MB` : '';
  console.log(`${size.toLocaleString('en')} objects, whole process (${p.detail})`);
  console.log(`  parse only         : ${describe(p)}`);
  console.log(`  harden scan -f json: ${describe(h)}`);
  console.log(`  ratio harden/parse : time ${time.toFixed(2)}×, CPU ${((h.cpuMs ?? Number.NaN) / (p.cpuMs ?? Number.NaN)).toFixed(2)}×, peak RSS ${rss.toFixed(2)}×${goals}`);
}

function measureStartUp(work: string): void {
  const empty = join(work, 'empty');
  mkdirSync(empty);
  // Nothing to check there: exit 2, after the same start-up.
  const runs = Array.from({ length: ROUNDS }, () => wholeProcess([join(ROOT, 'bin/harden.js'), 'scan', empty, '-f', 'json', '-o', join(work, 'report.json')], work, () => '', [2]));
  console.log(`harden scan of an empty directory (its start-up, part of every figure): ${describe(best(runs))}`);
}

function measureInProcess(dir: string): void {
  const parse: Figure[] = [];
  const full: Figure[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    parse.push(inProcess('parse', dir));
    full.push(inProcess('scan', dir));
  }
  const p = best(parse);
  const s = best(full);
  console.log(`${IN_PROCESS.toLocaleString('en')} objects, in process (engine only, without loading modules or writing a report)`);
  console.log(`  parse only : ${seconds(p.ms)}  peak RSS ${megabytes(p.rssMB)}  (${p.detail})`);
  console.log(`  full scan  : ${seconds(s.ms)}  peak RSS ${megabytes(s.rssMB)}  (${s.detail})`);
  console.log(`  ratio scan/parse: ${(s.ms / p.ms).toFixed(2)}`);
}

{
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  if (!existsSync(TIME)) console.log(`${TIME} not found: whole-process CPU time and peak RSS are not measured`);
  const work = mkdtempSync(join(tmpdir(), 'harden-bench-scan-'));
  try {
    measureStartUp(work);
    const sizes = [...new Set([...SIZES, IN_PROCESS])].sort((a, b) => a - b);
    for (const size of sizes) {
      const dir = join(work, `repo-${size}`);
      writeSyntheticRepo(dir, size);
      if (SIZES.includes(size)) measureWholeProcess(size, dir, work);
      if (size === IN_PROCESS) measureInProcess(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
