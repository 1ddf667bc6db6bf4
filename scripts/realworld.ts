// Measures the catalog on real repositories and on the planted stacks.
//   npm run realworld                      per repository: tp / fp / debatable / unreviewed / disappeared,
//                                          precision overall and per check; recall on the stack fixtures
//   npm run realworld -- --update          rewrites test/realworld/<name>.findings.yaml: verdicts kept,
//                                          new findings added as unreviewed, disappeared ones dropped
//   npm run realworld -- --extract <dir>   extracts the pinned repositories from git directories under <dir>
//   --verbose                              lists every unreviewed, disappeared and false-positive finding
import { SOURCES, corpusRoot, extract, extracted, gitDirOf } from '../test/realworld/corpus.js';
import { answers, compare, readFindings, scanRepository, updated, writeFindings, type Reviewed } from '../test/realworld/findings.js';
import { scoreStack, STACKS } from '../test/realworld/stacks.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const from = args.includes('--extract') ? args[args.indexOf('--extract') + 1] : undefined;

if (from) {
  for (const source of SOURCES) {
    const gitDir = gitDirOf(from, source);
    if (!gitDir) console.log(`${source.name}: no git directory of ${source.repository} under ${from}`);
    else console.log(`${source.name}: ${extract(source, gitDir).length} files at ${source.commit.slice(0, 9)} into ${corpusRoot()}/${source.name}`);
  }
  process.exit(0);
}

const perCheck = new Map<string, { tp: number; fp: number; debatable: number }>();
const total = { tp: 0, fp: 0, debatable: 0, unreviewed: 0, disappeared: 0 };
console.log('real-world repositories (verdicts in test/realworld/<name>.findings.yaml)');
for (const source of SOURCES) {
  if (!extracted(source)) {
    console.log(`  ${source.name}: not extracted (npm run realworld -- --extract <dir of git mirrors>)`);
    continue;
  }
  const file = readFindings(source);
  const { found, errors } = await scanRepository(source);
  const comparison = compare(file, found);
  const counts = { tp: 0, fp: 0, debatable: 0 };
  for (const { reviewed } of comparison.matched) {
    if (reviewed.verdict === 'unreviewed') continue;
    counts[reviewed.verdict] += 1;
    const check = perCheck.get(reviewed.check) ?? { tp: 0, fp: 0, debatable: 0 };
    check[reviewed.verdict] += 1;
    perCheck.set(reviewed.check, check);
  }
  const gone = (verdict: Reviewed['verdict']) => comparison.disappeared.filter((entry) => entry.verdict === verdict).length;
  total.tp += counts.tp;
  total.fp += counts.fp;
  total.debatable += counts.debatable;
  total.unreviewed += comparison.unreviewed.length;
  total.disappeared += comparison.disappeared.length;
  console.log(
    `  ${source.name}: ${found.length} findings · tp ${counts.tp} · fp ${counts.fp} · debatable ${counts.debatable} · unreviewed ${comparison.unreviewed.length}` +
      ` · disappeared ${comparison.disappeared.length} (tp ${gone('tp')}, fp ${gone('fp')} fixed, debatable ${gone('debatable')})` +
      ` · precision ${ratio(counts.tp, counts.tp + counts.fp)} · could not check ${errors}${errors !== file.errors ? ` (was ${file.errors})` : ''}` +
      ` · expected misses ${file.expected.length}${comparison.nowReported.length ? ` (${comparison.nowReported.length} now reported)` : ''}`,
  );
  if (verbose) {
    for (const f of comparison.unreviewed) console.log(`    unreviewed  ${f.check} ${f.at} ${f.message}: ${f.text}`);
    for (const f of comparison.disappeared) console.log(`    disappeared ${f.verdict.padEnd(9)} ${f.check} ${f.at} ${f.message}`);
    for (const { reviewed } of comparison.matched.filter((pair) => pair.reviewed.verdict === 'fp')) console.log(`    fp          ${reviewed.check} ${reviewed.at}: ${reviewed.why ?? ''}`);
    for (const e of comparison.nowReported) console.log(`    now reported ${e.check} ${e.at} by ${found.filter((f) => answers(e, f)).map((f) => `${f.check} ${f.message}`).join(', ')}`);
  }
  if (args.includes('--update')) writeFindings(source, updated(file, comparison, errors));
}
console.log(
  `  all: tp ${total.tp} · fp ${total.fp} · debatable ${total.debatable} · unreviewed ${total.unreviewed} · disappeared ${total.disappeared}` +
    ` · precision tp/(tp+fp) ${ratio(total.tp, total.tp + total.fp)} (goal 0.95) · with debatable as fp ${ratio(total.tp, total.tp + total.fp + total.debatable)}`,
);
console.log('  per check (only those with a false positive or a debatable finding):');
for (const [check, c] of [...perCheck].sort((a, b) => b[1].fp - a[1].fp || b[1].debatable - a[1].debatable || a[0].localeCompare(b[0])))
  if (c.fp + c.debatable > 0) console.log(`    ${check.padEnd(38)} tp ${String(c.tp).padStart(4)} · fp ${String(c.fp).padStart(3)} · debatable ${String(c.debatable).padStart(3)} · precision ${ratio(c.tp, c.tp + c.fp)}`);

console.log('\nplanted stacks (EXPECTED.md answer keys, each tree alone, slack 0)');
const bySeverity = new Map<string, { rows: number; found: number }>();
let [rows, hits] = [0, 0];
for (const stack of STACKS) {
  const score = await scoreStack(stack);
  const found = score.planted.filter((entry) => entry.by.length > 0).length;
  rows += score.planted.length;
  hits += found;
  for (const { row, by } of score.planted) {
    const s = bySeverity.get(row.severity) ?? { rows: 0, found: 0 };
    s.rows += 1;
    s.found += by.length > 0 ? 1 : 0;
    bySeverity.set(row.severity, s);
  }
  const recall = score.planted.length ? ` · recall ${ratio(found, score.planted.length)} (${found}/${score.planted.length})` : '';
  console.log(`  ${score.tree}: ${score.failures} failures${recall} · traps hit ${score.trapHits.length}${stack.tree.endsWith('-fixed') ? ` · beyond the residuals ${score.unexpected.length}` : ''}`);
  for (const { row, by } of score.trapHits) console.log(`    TRAP   ${row.file}:${printLines(row)} (${row.concept}) ← ${by.map((f) => `${f.check} ${f.message}`).join(', ')}`);
  for (const f of score.unexpected) console.log(`    EXTRA  ${f.at} ${f.check} ${f.message}: ${f.text}`);
  for (const { row } of score.planted.filter((entry) => entry.by.length === 0)) console.log(`    MISSED ${row.severity.padEnd(8)} ${row.concept.padEnd(30)} ${row.file}:${printLines(row)}`);
  if (verbose) for (const { row, by } of score.planted.filter((entry) => entry.by.length > 0)) console.log(`    hit    ${row.severity.padEnd(8)} ${row.concept.padEnd(30)} ${row.file}:${printLines(row)} ← ${[...new Set(by.map((f) => f.check))].join(', ')}`);
}
const severities = ['critical', 'high', 'medium', 'low', 'info'].filter((s) => bySeverity.has(s));
console.log(`  all: recall ${ratio(hits, rows)} (${hits}/${rows}, goal 0.95) · ${severities.map((s) => `${s} ${bySeverity.get(s)!.found}/${bySeverity.get(s)!.rows}`).join(' · ')}`);

function ratio(a: number, b: number): string {
  return b === 0 ? '-' : (a / b).toFixed(3);
}

function printLines(row: { lines: number[] | 'any' }): string {
  return row.lines === 'any' ? 'any' : row.lines.join(',');
}
