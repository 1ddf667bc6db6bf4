// Start-up time of the CLI as users run it (bin/harden.js, the bundle): `harden --version`,
// `harden checks` and `harden scan` of an empty directory, each against bare `node -e 0`,
// measured in the same run, interleaved, median of BENCH_RUNS runs.
// Goals (issue 10): --version ≤ 2× bare node, scan of an empty directory ≤ 4×.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIN = fileURLToPath(new URL('../bin/harden.js', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'harden-startup-'));

const commands: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'harden --version': [BIN, '--version'],
  'harden checks': [BIN, 'checks'],
  'harden scan EMPTY': [BIN, 'scan', empty, '--fail-on', 'none'],
};

/** A scan of an empty directory has nothing to check: exit 2, after the same start-up. */
const expectedStatus: Record<string, number> = { 'harden scan EMPTY': 2 };

function wallMs(name: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: empty });
  const ms = performance.now() - started;
  if (run.status !== (expectedStatus[name] ?? 0)) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
try {
  for (const [name, args] of Object.entries(commands)) wallMs(name, args); // warm the file cache
  for (let run = 0; run < RUNS; run++) for (const [name, args] of Object.entries(commands)) times[name]!.push(wallMs(name, args));
} finally {
  rmSync(empty, { recursive: true, force: true });
}

const bare = median(times['node -e 0']!);
const goals: Record<string, number> = { 'harden --version': 2, 'harden scan EMPTY': 4 };
console.log(`start-up, median of ${RUNS} runs (wall time, each process from spawn to exit)`);
for (const [name, values] of Object.entries(times)) {
  const ms = median(values);
  const goal = goals[name];
  const ratio = name === 'node -e 0' ? '' : `  ${(ms / bare).toFixed(2)}× bare node${goal ? ` (goal ≤ ${goal}×: ${ms / bare <= goal ? 'met' : 'missed'})` : ''}`;
  console.log(`  ${name.padEnd(20)} ${ms.toFixed(0).padStart(5)} ms${ratio}`);
}
