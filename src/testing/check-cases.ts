import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyCheck } from '../checks/define.js';
import { invocationKey } from '../engine/fingerprint.js';
import { runChecks } from '../engine/run.js';
import type { Result } from '../engine/result.js';
import type { TargetKind } from '../targets/kinds.js';
import { placeOf, type Location } from '../targets/location.js';
import { DEFAULT_GLOBS, Workspace } from '../targets/repo/workspace.js';
import { caseProblems, unfilledPlaceholders } from './case-problems.js';
import { casePlanTargets } from './plan-live.js';

/** A case input: the file's text, or several files by repo-relative path. */
export type CaseInput = string | Record<string, string>;

export interface PassCase {
  name?: string;
  input: CaseInput;
  options?: Record<string, unknown>;
}

export interface FailCase extends PassCase {
  /** Every failure the check must report, in source order: message id and 1-based line. */
  failures: ExpectedFailure[];
}

export interface ExpectedFailure {
  messageId: string;
  line: number;
  column?: number;
  /**
   * The other places the failure names, as `path:line` and text. When one failure of a case
   * lists them, every failure of the case is compared with its own (none: `[]`).
   */
  related?: { at: string; message: string }[];
}

/** Where a single-text input is written, by the check's target kind. */
const DEFAULT_FILE: Record<TargetKind, string> = {
  'k8s-object': 'manifest.yaml',
  'k8s-workload': 'manifest.yaml',
  'k8s-container': 'manifest.yaml',
  // A values file is one only beside Chart.yaml and templates/: cases give the chart's files.
  'helm-values': 'chart/values.yaml',
  dockerfile: 'Dockerfile',
  'compose-service': 'docker-compose.yml',
  'ci-workflow': '.github/workflows/ci.yml',
  'shell-script': 'scripts/deploy.sh',
  'config-file': 'config/app.conf',
  'repo-file': 'config/settings.txt',
  // Live targets come from the plan, not from files: their tests use runLiveCheck.
  site: 'unused',
  domain: 'unused',
  'tls-endpoint': 'unused',
  service: 'unused',
  host: 'unused',
  'backup-set': 'unused',
  // The plan's secrets: section, with the manifests or dumps a case gives beside it.
  'secret-record': 'harden.yaml',
  monitor: 'unused',
};

/** Runs a check over inputs written as real files and read by the real loaders. */
export async function runCheckOn(check: AnyCheck, input: CaseInput, options: Record<string, unknown> = {}): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-case-'));
  try {
    const files = typeof input === 'string' ? { [DEFAULT_FILE[check.target as TargetKind]]: input } : input;
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const live = check.target === 'secret-record' ? casePlanTargets(dir) : undefined;
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS, live);
    const parsedOptions = check.options.parse(options) as Record<string, unknown>;
    return await runChecks(workspace, [{ check, options: parsedOptions, key: invocationKey(check.id, options) }]).finally(() => live?.close());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The test suite of one check, ESLint RuleTester style: pass cases must produce no
 * failure, fail cases exactly the listed failures with every message placeholder filled,
 * and every message id must be produced by some fail case. Cases that repeat another or
 * still hold a placeholder (see caseProblems) are refused before anything runs.
 */
export function checkCases(check: AnyCheck, cases: { pass: (CaseInput | PassCase)[]; fail: FailCase[] }): void {
  const problems = caseProblems({ pass: cases.pass.map(asPassCase), fail: cases.fail });
  if (problems.length > 0) throw new Error(`${check.id}: fix these cases first:\n- ${problems.join('\n- ')}`);
  const produced = new Set<string>();
  describe(check.id, () => {
    cases.pass.forEach((raw, i) => {
      const testCase = asPassCase(raw);
      it(`passes: ${testCase.name ?? `case ${i + 1}`}`, async () => {
        const results = await runCheckOn(check, testCase.input, testCase.options);
        expect(results.filter((r) => r.checkId !== check.id || r.status !== 'pass').map(describeResult)).toEqual([]);
      });
    });
    cases.fail.forEach((testCase, i) => {
      it(`fails: ${testCase.name ?? `case ${i + 1}`}`, async () => {
        const results = await runCheckOn(check, testCase.input, testCase.options);
        const errors = results.filter((r) => r.status === 'error');
        expect(errors.map(describeResult)).toEqual([]);
        const failures = results.filter((r) => r.status === 'fail');
        for (const failure of failures) if (failure.messageId) produced.add(failure.messageId);
        const unfilled = failures.flatMap((f) => unfilledPlaceholders(check, f).map((name) => `${f.messageId}: {${name}} is not filled in, the check passes no "${name}" in its data`));
        expect(unfilled).toEqual([]);
        // A value of the data where a scalar belongs is shown as it is (displayValue), never as `[object Object]`.
        expect(failures.flatMap((f) => [f.message, ...(f.related ?? []).map((place) => place.message)]).filter((m) => m.includes('[object '))).toEqual([]);
        const withRelated = testCase.failures.some((e) => e.related !== undefined);
        const actual = failures.map((f) => ({
          messageId: f.messageId,
          line: f.location.kind === 'file' ? f.location.line : 0,
          ...(testCase.failures.some((e) => e.column !== undefined) && f.location.kind === 'file' ? { column: f.location.column } : {}),
          ...(withRelated ? { related: (f.related ?? []).map((place) => ({ at: relatedPlace(place.location), message: place.message })) } : {}),
        }));
        expect(actual).toEqual(testCase.failures.map((e) => ({ ...e, ...(withRelated ? { related: e.related ?? [] } : {}) })));
      });
    });
    afterAll(() => {
      const unused = Object.keys(check.messages).filter((id) => !produced.has(id));
      if (unused.length > 0) throw new Error(`${check.id}: no fail case produces message id(s) ${unused.join(', ')}`);
    });
  });
}

function asPassCase(raw: CaseInput | PassCase): PassCase {
  if (typeof raw === 'string') return { input: raw };
  const isCase = 'input' in raw && Object.keys(raw).every((key) => key === 'name' || key === 'input' || key === 'options');
  return isCase ? (raw as PassCase) : { input: raw as Record<string, string> };
}

function relatedPlace(location: Location): string {
  return location.kind === 'file' ? `${location.path}:${location.line}` : placeOf(location);
}

function describeResult(result: Result): string {
  return `${result.status} ${result.checkId} ${result.message}`;
}
