// Agreement of harden's checks with a peer scanner's own test fixtures.
//
//   npm run conformance              report (exit 0)
//   npm run conformance -- --strict  exit 1 on an unexplained disagreement or agreement below the target
//
// Reads ../shared/conformance/polaris/test/checks/<polarisCheck>/{success,failure}*.yaml
// (relative to the repository root). The file name is the expectation: a `failure*`
// fixture must make the equivalent harden check fail, a `success*` one must not. The
// equivalents are the `peers` of every registered check (restricted to the message ids a
// peer names), so a new check with `peers` is picked up without editing this script.
// Each fixture is scanned alone, through the real loaders, in a temporary workspace.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyCheck } from '../src/checks/define.js';
import { CHECKS } from '../src/checks/index.js';
import { invocationKey } from '../src/engine/fingerprint.js';
import { runChecks } from '../src/engine/run.js';
import { DEFAULT_GLOBS, Workspace } from '../src/targets/repo/workspace.js';
import { POLARIS_DISAGREEMENTS, POLARIS_UNMAPPED, type KnownDisagreement } from './conformance-known.js';

const TARGET_PERCENT = 95;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFORMANCE_DIR = resolve(ROOT, '../shared/conformance');
const POLARIS_CHECKS_DIR = join(CONFORMANCE_DIR, 'polaris/test/checks');

/** A harden check standing for a peer rule, limited to some of its message ids. */
interface Equivalent {
  check: AnyCheck;
  messages: readonly string[] | undefined;
}

interface FixtureOutcome {
  file: string;
  expectFail: boolean;
  hardenFails: boolean;
  /** Errors harden reported on the fixture (a crash in a check, unreadable YAML). */
  errors: string[];
  failures: string[];
}

interface RuleReport {
  rule: string;
  equivalents: Equivalent[];
  outcomes: FixtureOutcome[];
}

function equivalentsByRule(tool: string): Map<string, Equivalent[]> {
  const map = new Map<string, Equivalent[]>();
  for (const check of CHECKS) {
    for (const peer of check.peers ?? []) {
      if (peer.tool !== tool) continue;
      const list = map.get(peer.rule) ?? [];
      list.push({ check, messages: peer.messages });
      map.set(peer.rule, list);
    }
  }
  return map;
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^(success|failure)/.test(name) && /\.ya?ml$/.test(name))
    .sort();
}

/** Runs the equivalents on one fixture, alone in a temporary workspace. */
async function runFixture(path: string, equivalents: readonly Equivalent[]): Promise<Omit<FixtureOutcome, 'file' | 'expectFail'>> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-conformance-'));
  try {
    writeFileSync(join(dir, path.split('/').pop()!), readFileSync(path));
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    const checks = [...new Set(equivalents.map((equivalent) => equivalent.check))];
    const results = await runChecks(
      workspace,
      checks.map((check) => ({ check, options: check.options.parse({}) as Record<string, unknown>, key: invocationKey(check.id, {}) })),
    );
    const failures: string[] = [];
    const errors: string[] = [];
    for (const result of results) {
      if (result.status === 'error') errors.push(`${result.checkId}: ${result.message}`);
      if (result.status !== 'fail' || !result.messageId) continue;
      const counts = equivalents.some((e) => e.check.id === result.checkId && (!e.messages || e.messages.includes(result.messageId!)));
      if (counts) failures.push(`${result.checkId}#${result.messageId}`);
    }
    return { hardenFails: failures.length > 0, failures, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeEquivalents(equivalents: readonly Equivalent[]): string {
  return equivalents.map((e) => (e.messages ? `${e.check.id}#${e.messages.join('|')}` : e.check.id)).join(', ');
}

const percent = (n: number, total: number): string => (total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`);

async function polaris(strict: boolean): Promise<number> {
  if (!existsSync(POLARIS_CHECKS_DIR)) {
    console.log(`note: no Polaris fixtures at ${POLARIS_CHECKS_DIR}; nothing to compare (see ../shared/conformance/README.md).`);
    return 0;
  }
  const byRule = equivalentsByRule('polaris');
  const rules = readdirSync(POLARIS_CHECKS_DIR)
    .filter((name) => statSync(join(POLARIS_CHECKS_DIR, name)).isDirectory())
    .sort();
  const reports: RuleReport[] = [];
  const unmapped: { rule: string; fixtures: number }[] = [];
  for (const rule of rules) {
    const dir = join(POLARIS_CHECKS_DIR, rule);
    const files = fixtureFiles(dir);
    const equivalents = byRule.get(rule);
    if (!equivalents) {
      unmapped.push({ rule, fixtures: files.length });
      continue;
    }
    const outcomes: FixtureOutcome[] = [];
    for (const file of files) {
      const outcome = await runFixture(join(dir, file), equivalents);
      outcomes.push({ file, expectFail: file.startsWith('failure'), ...outcome });
    }
    reports.push({ rule, equivalents, outcomes });
  }

  const agrees = (o: FixtureOutcome) => o.errors.length === 0 && o.hardenFails === o.expectFail;
  const width = Math.max(...reports.map((r) => r.rule.length), 10);
  console.log(`Polaris conformance: fixtures from ${relative(ROOT, POLARIS_CHECKS_DIR)}`);
  console.log('');
  console.log('Equivalent checks (a failure* fixture must fail, a success* fixture must pass)');
  let agreed = 0;
  let total = 0;
  for (const report of reports) {
    const n = report.outcomes.filter(agrees).length;
    agreed += n;
    total += report.outcomes.length;
    console.log(`  ${report.rule.padEnd(width)}  ${`${n}/${report.outcomes.length}`.padStart(5)}  ${percent(n, report.outcomes.length).padStart(6)}  ${describeEquivalents(report.equivalents)}`);
  }
  const overall = total === 0 ? 100 : (100 * agreed) / total;
  console.log('');
  console.log(`Overall agreement on equivalent checks: ${agreed}/${total} (${percent(agreed, total)}), target ≥ ${TARGET_PERCENT}%${overall >= TARGET_PERCENT ? '' : '  BELOW TARGET'}`);

  const disagreements = reports.flatMap((report) => report.outcomes.filter((o) => !agrees(o)).map((o) => ({ report, outcome: o, known: POLARIS_DISAGREEMENTS[`${report.rule}/${o.file}`] })));
  console.log('');
  console.log(`Disagreements (${disagreements.length})`);
  for (const { report, outcome, known } of disagreements) {
    const what = outcome.errors.length > 0 ? `harden error: ${outcome.errors.join('; ')}` : outcome.hardenFails ? `harden fails (${outcome.failures.join(', ')}), Polaris passes` : 'Polaris fails, harden passes';
    const why = known ? `${known.verdict}: ${known.reason}` : 'UNEXPLAINED: fix the check or add it to scripts/conformance-known.ts';
    console.log(`  ${report.rule}/${outcome.file}: ${what}`);
    console.log(`      ${why}`);
  }
  const disagreeing = new Set(disagreements.map(({ report, outcome }) => `${report.rule}/${outcome.file}`));
  const stale = Object.keys(POLARIS_DISAGREEMENTS).filter((key) => !disagreeing.has(key) && reports.some((r) => key.startsWith(`${r.rule}/`)));
  for (const key of stale) console.log(`  ${key}: now agrees; remove it from scripts/conformance-known.ts (${(POLARIS_DISAGREEMENTS[key] as KnownDisagreement).verdict})`);

  console.log('');
  console.log(`Polaris checks with no harden equivalent (${unmapped.length})`);
  for (const { rule, fixtures } of unmapped) {
    console.log(`  ${rule} (${fixtures} fixtures): ${POLARIS_UNMAPPED[rule] ?? 'no harden check names it in `peers` yet'}`);
  }

  const unexplained = disagreements.filter((d) => !d.known).length;
  return strict && (unexplained > 0 || overall < TARGET_PERCENT) ? 1 : 0;
}

process.exitCode = await polaris(process.argv.includes('--strict'));
