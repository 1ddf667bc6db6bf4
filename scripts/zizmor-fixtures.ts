// Agreement of harden's CI checks with zizmor's own integration fixtures.
//
//   node --import tsx scripts/zizmor-fixtures.ts <zizmor checkout> [--list]
//
// For each zizmor audit a ci check names in `peers`: each single-workflow test of
// crates/zizmor/tests/integration/audit/<audit>.rs (no config file, no --fix) gives its fixture and its
// inline snapshot. A fixture is positive when a regular-persona snapshot reports the audit, negative when a
// snapshot (any persona) reports none. The harden check runs on the fixture alone; its failures on a line
// carrying `zizmor: ignore[<audit>]` are dropped, as zizmor drops them. --list names each disagreement.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checks } from '../src/checks/ci.js';
import { invocationKey } from '../src/engine/fingerprint.js';
import { runChecks } from '../src/engine/run.js';
import { DEFAULT_GLOBS, Workspace } from '../src/targets/repo/workspace.js';

const PEERS: Record<string, string> = Object.fromEntries(
  checks.flatMap((check) => (check.peers ?? []).filter((peer) => peer.tool === 'zizmor').map((peer) => [peer.rule, check.id])),
);
if (!process.argv[2]) {
  console.error('usage: node --import tsx scripts/zizmor-fixtures.ts <zizmor checkout> [--list]');
  process.exit(2);
}
const root = join(process.argv[2], 'crates/zizmor/tests/integration');
const list = process.argv.includes('--list');

interface Case { audit: string; file: string; persona: string; zizmor: number }
const cases: Case[] = [];
for (const name of readdirSync(join(root, 'audit'))) {
  const audit = name.replace(/\.rs$/, '').replace(/_/g, '-');
  if (!PEERS[audit]) continue;
  const text = readFileSync(join(root, 'audit', name), 'utf8');
  for (const chunk of text.split('#[test]').slice(1)) {
    if (chunk.includes('.config(') || chunk.includes('--fix')) continue;
    const inputs = [...chunk.matchAll(/\.input\(\s*input_under_test\(\s*"([^"]+)"/g)].map((m) => m[1]!);
    if (inputs.length !== 1 || !/\.ya?ml$/.test(inputs[0]!) || /action\.ya?ml$/.test(inputs[0]!)) continue;
    const persona = /auditor/.test(chunk) ? 'auditor' : /pedantic/.test(chunk) ? 'pedantic' : 'regular';
    const zizmor = [...chunk.matchAll(/\b(?:error|warning|help|info|note)\[([a-z0-9-]+)\]/g)].filter((m) => m[1] === audit).length;
    cases.push({ audit, file: inputs[0]!, persona, zizmor });
  }
}

async function harden(file: string, checkId: string, audit: string): Promise<number> {
  const text = readFileSync(join(root, 'test-data', file), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'zz-'));
  try {
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/w.yml'), text);
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    const check = checks.find((candidate) => candidate.id === checkId)!;
    const results = await runChecks(workspace, [{ check, options: check.options.parse({}) as Record<string, unknown>, key: invocationKey(check.id, {}) }]);
    const lines = text.split('\n');
    return results.filter((r) => r.status === 'fail' && r.checkId === checkId && !(r.location.kind === 'file' && lines[r.location.line - 1]?.includes(`zizmor: ignore[${audit}]`))).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const summary = new Map<string, { pos: number; posHit: number; neg: number; negPass: number; zCount: number; hCount: number }>();
const seen = new Set<string>();
for (const c of cases) {
  const positive = c.zizmor > 0 && c.persona === 'regular';
  const negative = c.zizmor === 0;
  if (!positive && !negative) continue;
  const key = `${c.audit} ${c.file} ${positive}`;
  if (seen.has(key) || !existsSync(join(root, 'test-data', c.file))) continue;
  seen.add(key);
  const h = await harden(c.file, PEERS[c.audit]!, c.audit);
  const row = summary.get(c.audit) ?? { pos: 0, posHit: 0, neg: 0, negPass: 0, zCount: 0, hCount: 0 };
  if (positive) {
    row.pos++;
    if (h > 0) row.posHit++;
    row.zCount += c.zizmor;
    row.hCount += h;
  } else {
    row.neg++;
    if (h === 0) row.negPass++;
  }
  summary.set(c.audit, row);
  if (list && ((positive && h === 0) || (negative && h > 0))) console.log(`${positive ? 'MISSED' : 'EXTRA '} ${c.audit} ${c.file} (${c.persona}) zizmor=${c.zizmor} harden=${h}`);
}
console.log('audit\tharden check\tpositives flagged\tnegatives passed\tfindings zizmor/harden on positives');
let tp = 0;
let p = 0;
let tn = 0;
let n = 0;
for (const [audit, row] of [...summary].sort()) {
  console.log(`${audit}\t${PEERS[audit]}\t${row.posHit}/${row.pos}\t${row.negPass}/${row.neg}\t${row.zCount}/${row.hCount}`);
  tp += row.posHit; p += row.pos; tn += row.negPass; n += row.neg;
}
console.log(`total\t\t${tp}/${p}\t${tn}/${n}`);
