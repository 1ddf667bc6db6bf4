// npm run bench -- NAME: runs bench/NAME.ts. Benchmarks print figures; they never gate CI.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
const available = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const file = new URL(`./${name}.ts`, import.meta.url).pathname;
if (!existsSync(file)) process.exit(2);
const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
