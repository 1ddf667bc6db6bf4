import type { AnyCheck } from '../checks/define.js';
import { isOpenFailure, type Result, type Suppression } from '../engine/result.js';
import type { ScanRun } from '../engine/scan-run.js';
import { formatLocation } from '../targets/location.js';
import { defineFormat } from './define.js';
import { xmlAttributes, xmlText } from './xml-text.js';

/**
 * JUnit XML for CI test views. One <testsuite> per check id: a check is the unit a
 * team owns and fixes (like a test class), its id is the testcase classname, and
 * per-check counts say which rule broke the build. One <testcase> per result
 * (check @ target): pass = empty, failure = ran and failed, error = could not run,
 * skipped = suppressed (waiver, inline ignore, baseline) or skipped.
 */
export const junitFormat = defineFormat({
  id: 'junit',
  description: 'JUnit XML for CI test reports (one testsuite per check, one testcase per check @ target)',
  extension: 'xml',
  chunks(run, context) {
    return junitChunks(run, context.catalog);
  },
});

type Outcome =
  | { kind: 'pass' }
  | { kind: 'failure'; message: string; type: string; text: string }
  | { kind: 'error'; message: string; type: string; text: string }
  | { kind: 'skipped'; message: string };

interface TestCase {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  outcome: Outcome;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface TestSuite extends Counts {
  name: string;
  check: AnyCheck | undefined;
  cases: TestCase[];
}

/**
 * What a testcase needs of a result, held while the results are gathered by check: the failure,
 * error or skipped result itself (the run holds it anyway), or the few fields of a pass.
 */
type CaseSource = Result | (Pick<Result, 'checkId' | 'invocation' | 'target' | 'location'> & { status: 'pass' });

/**
 * The document in pieces, one testcase at a time (a large run's report, even one suite of it,
 * can be longer than any string), written directly: pretty-printed with two spaces, as an XML
 * library would, and escaped by xml-text.ts. The results are read once and gathered by check;
 * each suite's testcases are formed only when it is written.
 */
export function* junitChunks(run: ScanRun, catalog: ReadonlyMap<string, AnyCheck>): Generator<string> {
  const { byCheck, counts } = gatherByCheck(run.results);
  const root = xmlAttributes({ name: 'harden', ...countAttributes(counts), time: seconds(run.durationMs), timestamp: run.startedAt });
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (byCheck.size === 0) {
    yield `<testsuites${root}/>\n`;
    return;
  }
  yield `<testsuites${root}>\n`;
  for (const checkId of [...byCheck.keys()].sort()) {
    const suite = buildSuite(checkId, byCheck.get(checkId)!, catalog.get(checkId));
    byCheck.delete(checkId);
    yield suiteOpening(suite, run.startedAt);
    for (const testCase of suite.cases) yield caseXml(testCase);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function gatherByCheck(results: Iterable<Result>): { byCheck: Map<string, CaseSource[]>; counts: Counts } {
  const byCheck = new Map<string, CaseSource[]>();
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const result of results) {
    const { checkId, invocation, target, location, status } = result;
    const source: CaseSource = status === 'pass' ? { checkId, invocation, target, location, status } : result;
    const group = byCheck.get(checkId);
    if (group) group.push(source);
    else byCheck.set(checkId, [source]);
    counts.tests += 1;
    if (status === 'fail' && result.suppression) counts.skipped += 1;
    else if (status === 'fail') counts.failures += 1;
    else if (status === 'error') counts.errors += 1;
    else if (status === 'skipped') counts.skipped += 1;
  }
  return { byCheck, counts };
}

function buildSuite(checkId: string, results: readonly CaseSource[], check: AnyCheck | undefined): TestSuite {
  const names = uniqueNames(results);
  const cases = results.map((result) => toTestCase(result, names.get(result)!, check)).sort(byName);
  return { name: checkId, check, cases, ...countCases(cases) };
}

function byName(a: TestCase, b: TestCase): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/**
 * `check @ target`; results that share one get their location appended, and a
 * counter when even that repeats. Parameterised runs use the invocation (`id#hash`).
 * Names repeat only within a check (the invocation starts with its id): one suite at a time.
 */
function uniqueNames(results: readonly CaseSource[]): Map<CaseSource, string> {
  const baseName = (result: CaseSource) => `${result.invocation} @ ${result.target}`;
  const baseCounts = countBy(results, baseName);
  const located = (result: CaseSource) =>
    baseCounts.get(baseName(result))! > 1 ? `${baseName(result)} (${formatLocation(result.location)})` : baseName(result);
  const seen = new Map<string, number>();
  const names = new Map<CaseSource, string>();
  for (const result of results) {
    const name = located(result);
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    names.set(result, occurrence === 1 ? name : `${name} #${occurrence}`);
  }
  return names;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function toTestCase(result: CaseSource, name: string, check: AnyCheck | undefined): TestCase {
  const testCase: TestCase = { name, classname: result.checkId, outcome: outcomeOf(result, check) };
  if (result.location.kind === 'file') {
    testCase.file = result.location.path;
    testCase.line = result.location.line;
  }
  return testCase;
}

function outcomeOf(result: CaseSource, check: AnyCheck | undefined): Outcome {
  if (result.status === 'pass') return { kind: 'pass' };
  if (result.status === 'fail' && result.suppression) return { kind: 'skipped', message: describeSuppression(result.suppression) };
  if (isOpenFailure(result)) return { kind: 'failure', message: result.message, type: result.severity, text: failureText(result, check) };
  if (result.status === 'error') return { kind: 'error', message: result.message, type: 'error', text: `${result.message}\nat ${formatLocation(result.location)}` };
  return { kind: 'skipped', message: result.message };
}

function failureText(result: Result, check: AnyCheck | undefined): string {
  const lines = [result.message, `at ${formatLocation(result.location)}`, `severity: ${result.severity}`];
  if (result.evidence !== undefined) lines.push(`evidence: ${result.evidence}`);
  if (result.waiverExpired !== undefined) lines.push(`a waiver covered this until it expired on ${result.waiverExpired}`);
  if (check) lines.push(`fix: ${check.fix}`);
  return lines.join('\n');
}

function describeSuppression(suppression: Suppression): string {
  const how = { inline: 'ignored inline', waiver: 'waived', baseline: 'in the baseline' }[suppression.by];
  const details = [suppression.owner && `owner ${suppression.owner}`, suppression.expires && `expires ${suppression.expires}`].filter(Boolean);
  return `${how}: ${suppression.reason}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function countCases(cases: readonly TestCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === 'failure').length,
    errors: cases.filter((c) => c.outcome.kind === 'error').length,
    skipped: cases.filter((c) => c.outcome.kind === 'skipped').length,
  };
}

function countAttributes({ tests, failures, errors, skipped }: Counts): Record<string, string> {
  return { tests: String(tests), failures: String(failures), errors: String(errors), skipped: String(skipped) };
}

/** The suite's start tag and properties; its testcases follow, one by one. */
function suiteOpening(suite: TestSuite, timestamp: string): string {
  let text = `  <testsuite${xmlAttributes({ name: suite.name, ...countAttributes(suite), timestamp })}>\n`;
  if (suite.check) {
    text += '    <properties>\n';
    text += `      <property${xmlAttributes({ name: 'title', value: suite.check.title })}/>\n`;
    text += `      <property${xmlAttributes({ name: 'severity', value: suite.check.severity })}/>\n`;
    text += '    </properties>\n';
  }
  return text;
}

function caseXml(testCase: TestCase): string {
  const tag = `    <testcase${xmlAttributes({
    name: testCase.name,
    classname: testCase.classname,
    ...(testCase.file !== undefined ? { file: testCase.file, line: String(testCase.line) } : {}),
  })}`;
  const { outcome } = testCase;
  switch (outcome.kind) {
    case 'pass':
      return `${tag}/>\n`;
    case 'failure':
    case 'error': {
      const start = `      <${outcome.kind}${xmlAttributes({ message: singleLine(outcome.message), type: outcome.type })}`;
      const body = outcome.text === '' ? `${start}/>` : `${start}>${xmlText(outcome.text)}</${outcome.kind}>`;
      return `${tag}>\n${body}\n    </testcase>\n`;
    }
    case 'skipped':
      return `${tag}>\n      <skipped${xmlAttributes({ message: singleLine(outcome.message) })}/>\n    </testcase>\n`;
  }
}

/** Attribute values lose their line breaks when parsed (XML normalises them to spaces), so say so up front. */
function singleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}
