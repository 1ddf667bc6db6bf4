// Full catalog over a synthetic repo of 5,000 manifest files (~40,000 objects), against a
// parse-only pass over the same files, each phase in its own process for a clean peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticRepo } from './_synthetic-repo.js';

const FILES = Number(process.env.BENCH_FILES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// BENCH_ONLY=id,id,... measures a subset of the catalog (e.g. the first checks of the foundation).
const DIST = new URL('../dist/', import.meta.url).href;

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
  detail = run.results.length + ' results, ' + run.results.filter((r) => r.status === 'fail').length + ' failures, ' + (only ? only.split(',').length : catalog.size) + ' checks';
}
console.log(JSON.stringify({ ms: performance.now() - started, rssMB: process.resourceUsage().maxRSS / 1024, detail }));
`;

function measure(kind: string, dir: string): { ms: number; rssMB: number; detail: string } {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', PHASE, kind, dir, DIST, process.env.BENCH_ONLY ?? ''], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

{
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-scan-'));
  try {
    const t0 = performance.now();
    writeSyntheticRepo(dir, FILES);
    console.log(`synthetic repo: ${FILES} files, ${FILES * 8} objects, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const parse: ReturnType<typeof measure>[] = [];
    const full: ReturnType<typeof measure>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      parse.push(measure('parse', dir));
      full.push(measure('scan', dir));
    }
    const best = (runs: typeof parse) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const p = best(parse);
    const s = best(full);
    console.log(`parse only : ${(p.ms / 1000).toFixed(2)} s  peak RSS ${p.rssMB.toFixed(0)} MB  (${p.detail})`);
    console.log(`full scan  : ${(s.ms / 1000).toFixed(2)} s  peak RSS ${s.rssMB.toFixed(0)} MB  (${s.detail})`);
    console.log(`ratio scan/parse: ${(s.ms / p.ms).toFixed(2)}  (target ≤ 2.0 with the full catalog)   peak RSS: ${s.rssMB.toFixed(0)} MB (target ≤ 500 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
