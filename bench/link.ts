// harden link against a plain static scan, on a synthetic repository of BENCH_FILES files
// (default 5,000: _synthetic-repo.ts, OBJECTS_PER_FILE Kubernetes objects each) and synthetic
// trackers of BENCH_ITEMS items (default 250,500,1000: _synthetic-tracker.ts), each imported to
// a plan with `harden import --no-link`:
//
// - in process, CPU time in one fresh plain-node process running the compiled code (dist/): the static
//   scan `harden link` runs (the live families skipped), then at each size the plan parsed, the
//   repository's evidence indexed from the scan's results, the links proposed, and applied to the
//   plan's text, BENCH_ROUNDS times (default 2, the least kept); link/scan ratios and the propose
//   phase's cost per item show whether it is linear.
// - whole process, at BENCH_LINK_WHOLE items (default 1000): `harden scan DIR --skip <live>` (its
//   terminal report to /dev/null) against `harden link DIR --plan PLAN` (a dry run: its proposals to
//   /dev/null), wall time, CPU and peak RSS from /usr/bin/time.
//
// Goal from issue 11: at 1,000 items × 5,000 files, harden link ≤ 1.5× the plain scan. Figures only:
// nothing here gates.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OBJECTS_PER_FILE, writeSyntheticRepo } from './_synthetic-repo.js';
import { syntheticTracker } from './_synthetic-tracker.js';

const FILES = Number(process.env.BENCH_FILES ?? 5000);
const ITEMS = (process.env.BENCH_ITEMS ?? '250,500,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WHOLE = (process.env.BENCH_LINK_WHOLE ?? '1000').split(',').filter(Boolean).map(Number);
const ROOT = new URL('..', import.meta.url).pathname;
const DIST = new URL('../dist/', import.meta.url).href;
const BIN = join(ROOT, 'bin/harden.js');
const TIME = '/usr/bin/time';
const LIVE = 'http,tls,dns,net,probe';
const GOAL = { items: 1000, files: 5000, ratio: 1.5 };

/** The phases in one process: one scan, then every plan linked against its results. */
const PHASES = `
const [dir, dist, live, roundsText, ...plans] = process.argv.slice(1);
const rounds = Number(roundsText);
const { readFileSync } = await import('node:fs');
const { catalog } = await import(dist + 'checks/index.js');
const { DEFAULT_ENGINE_OPTIONS } = await import(dist + 'engine/run.js');
const { scan } = await import(dist + 'engine/scan.js');
const { parsePlan } = await import(dist + 'plan/load.js');
const { linkPlan } = await import(dist + 'link/link-plan.js');
const { applyLinks } = await import(dist + 'link/apply.js');
const { RepoEvidence } = await import(dist + 'link/repo-evidence.js');
const now = new Date();
// CPU time (user + system) of this process: steadier than wall time on a shared machine.
const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const wallStarted = performance.now();
let started = cpu();
const run = await scan({ catalog, root: dir, selection: { only: [], skip: live.split(',') }, verify: false, now, engine: DEFAULT_ENGINE_OPTIONS });
let results = 0;
for (const _ of run.results) results += 1;
const scanMs = cpu() - started;
const scanWallMs = performance.now() - wallStarted;
const sizes = [];
// Each size ROUNDS times, the least of each phase kept: the first round also pays for compiling the code.
for (const file of plans) {
  const planText = readFileSync(file, 'utf8');
  let best;
  for (let round = 0; round < rounds; round++) {
    started = cpu();
    const loaded = parsePlan(planText, file, { catalog, now });
    const parseMs = cpu() - started;
    started = cpu();
    const outcome = linkPlan({ plan: loaded.plan, planText, catalog, results: run.results });
    const linkMs = cpu() - started;
    started = cpu();
    const repo = new RepoEvidence();
    for (const result of run.results) repo.add(result);
    const indexMs = cpu() - started;
    started = cpu();
    applyLinks(planText, outcome.items, outcome.targetChanges);
    const applyMs = cpu() - started;
    started = cpu();
    parsePlan(outcome.text, file, { catalog, now });
    const reparseMs = cpu() - started;
    const size = { items: loaded.plan.items.length, links: outcome.links, linked: outcome.linkedItems, parseMs, indexMs, proposeMs: Math.max(0, linkMs - indexMs - applyMs), applyMs, reparseMs };
    best = best ? Object.fromEntries(Object.entries(size).map(([key, value]) => [key, Math.min(value, best[key])])) : size;
  }
  sizes.push(best);
}
console.log(JSON.stringify({ scanMs, scanWallMs, results, rssMB: process.resourceUsage().maxRSS / 1024, sizes }));
`;

interface Phases {
  scanMs: number;
  scanWallMs: number;
  results: number;
  rssMB: number;
  sizes: { items: number; links: number; linked: number; parseMs: number; indexMs: number; proposeMs: number; applyMs: number; reparseMs: number }[];
}

interface Figure {
  ms: number;
  cpuMs?: number;
  rssMB: number;
}

function harden(args: string[], cwd: string): void {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.status !== 0) throw new Error(`harden ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
}

/** A command in its own process, its stdout dropped: wall time from here, CPU time and peak RSS from /usr/bin/time. */
function wholeProcess(args: string[], cwd: string): Figure {
  const timed = existsSync(TIME);
  const report = join(cwd, 'time.txt');
  const command = timed ? [TIME, '-f', '%U %S %M', '-o', report, process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const started = performance.now();
  const child = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`harden ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  if (!timed) return { ms, rssMB: Number.NaN };
  const [user, system, maxKB] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, rssMB: maxKB! / 1024 };
}

const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const describe = (figure: Figure) => `${seconds(figure.ms)} (CPU ${seconds(figure.cpuMs)})  peak RSS ${Number.isNaN(figure.rssMB) ? 'n/a' : `${figure.rssMB.toFixed(0)} MB`}`;
const goalOf = (items: number) => (items === GOAL.items && FILES === GOAL.files ? `   goal ≤ ${GOAL.ratio}×` : '');

function measureInProcess(dir: string, plans: readonly string[]): void {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', PHASES, dir, DIST, LIVE, String(ROUNDS), ...plans], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(child.stderr);
  const phases = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Phases;
  console.log(`in process (compiled code, one process: peak RSS ${phases.rssMB.toFixed(0)} MB; CPU times)`);
  console.log(`  static scan (what harden link runs): ${seconds(phases.scanMs)} (wall ${seconds(phases.scanWallMs)}), ${phases.results.toLocaleString('en')} results`);
  console.log('  items  links (items)  parse plan  index repo  propose  apply   reparse  link phase  per item  link total/scan');
  for (const size of phases.sizes) {
    const link = size.parseMs + size.indexMs + size.proposeMs + size.applyMs + size.reparseMs;
    console.log(
      `  ${String(size.items).padStart(5)}  ${`${size.links} (${size.linked})`.padEnd(12)}  ${seconds(size.parseMs).padStart(10)}  ${seconds(size.indexMs).padStart(10)}  ${seconds(size.proposeMs).padStart(7)}  ${seconds(size.applyMs).padStart(6)}  ${seconds(size.reparseMs).padStart(7)}  ${seconds(link).padStart(10)}  ${`${(size.proposeMs / size.items).toFixed(2)} ms`.padStart(8)}  ${((phases.scanMs + link) / phases.scanMs).toFixed(2)}×${goalOf(size.items)}`,
    );
  }
  const [first, last] = [phases.sizes[0], phases.sizes.at(-1)];
  if (first && last && last !== first) {
    console.log(`  propose at ${last.items} / at ${first.items} items: ${(last.proposeMs / first.proposeMs).toFixed(2)}× for ${(last.items / first.items).toFixed(2)}× the items (linear: equal)`);
  }
}

function measureWholeProcess(dir: string, work: string, plans: ReadonlyMap<number, string>): void {
  if (WHOLE.length === 0) return;
  const scan = wholeProcess(['scan', dir, '--skip', LIVE, '--fail-on', 'none', '--allow-errors'], work);
  console.log('whole process');
  console.log(`  harden scan --skip ${LIVE} (terminal report to /dev/null): ${describe(scan)}`);
  for (const items of WHOLE) {
    const plan = plans.get(items);
    if (!plan) continue;
    const link = wholeProcess(['link', dir, '--plan', plan], work);
    console.log(`  harden link, ${items} items (a dry run):  ${describe(link)}   link/scan: time ${(link.ms / scan.ms).toFixed(2)}×, CPU ${((link.cpuMs ?? Number.NaN) / (scan.cpuMs ?? Number.NaN)).toFixed(2)}×${goalOf(items)}`);
  }
}

{
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const work = mkdtempSync(join(tmpdir(), 'harden-bench-link-'));
  try {
    const dir = join(work, 'repo');
    const files = writeSyntheticRepo(dir, FILES * OBJECTS_PER_FILE);
    const plans = new Map<number, string>();
    for (const items of [...new Set([...ITEMS, ...WHOLE])].sort((a, b) => a - b)) {
      const tracker = join(work, `tracker-${items}.md`);
      writeFileSync(tracker, syntheticTracker(items, files, items));
      harden(['import', tracker, '-o', join(work, `plan-${items}.yaml`), '--no-link'], work);
      plans.set(items, join(work, `plan-${items}.yaml`));
    }
    console.log(`harden link on ${files.toLocaleString('en')} files (${(files * OBJECTS_PER_FILE).toLocaleString('en')} Kubernetes objects), trackers of ${[...plans.keys()].join(', ')} items`);
    measureInProcess(dir, ITEMS.map((items) => plans.get(items)!));
    measureWholeProcess(dir, work, plans);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
