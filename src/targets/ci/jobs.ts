import type { Location } from '../location.js';
import { parseShell, type ShellPipeline } from '../shell/command-line.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { CiWorkflow } from './workflow.js';

/**
 * A GitHub Actions workflow read once into jobs and steps: triggers, permissions at workflow
 * and job level, env at every level, each step's uses/run/with. Built on first use per
 * workflow and shared by every CI check.
 */
export interface CiStep {
  readonly job: CiJob;
  readonly index: number;
  /** Path of the step from the workflow root: `['jobs', id, 'steps', index]`. */
  readonly path: YamlPath;
  readonly data: YamlRecord;
  readonly name: string | undefined;
  readonly uses: string | undefined;
  readonly run: string | undefined;
  readonly with: YamlRecord;
  readonly env: YamlRecord;
  /** `name`, or `uses`, or `#index` of the job: how messages name the step. */
  readonly label: string;
  /** `jobs.<id>.steps[<index>]`: tells apart failures of steps that share a label. */
  readonly where: string;
}

export interface CiJob {
  readonly id: string;
  readonly path: YamlPath;
  readonly data: YamlRecord;
  /** The job's `permissions:` as written; undefined when the key is absent. */
  readonly permissions: unknown;
  readonly hasPermissions: boolean;
  readonly env: YamlRecord;
  /** A job that calls a reusable workflow (`jobs.<id>.uses`). */
  readonly uses: string | undefined;
  readonly steps: readonly CiStep[];
}

export interface CiTrigger {
  /** Event name: push, pull_request_target, workflow_run, ... */
  readonly event: string;
  readonly path: YamlPath;
}

export interface CiModel {
  readonly triggers: readonly CiTrigger[];
  readonly permissions: unknown;
  readonly hasPermissions: boolean;
  readonly env: YamlRecord;
  readonly jobs: readonly CiJob[];
}

const models = new WeakMap<CiWorkflow, CiModel>();

export function ciModel(workflow: CiWorkflow): CiModel {
  let model = models.get(workflow);
  if (!model) {
    model = buildModel(workflow.data);
    models.set(workflow, model);
  }
  return model;
}

function buildModel(data: YamlRecord): CiModel {
  const jobs = Object.entries(asRecord(data.jobs) ?? {}).flatMap(([id, value]): CiJob[] => {
    const jobData = asRecord(value);
    if (!jobData) return [];
    const path = ['jobs', id];
    const steps: CiStep[] = [];
    const job: CiJob = {
      id,
      path,
      data: jobData,
      permissions: jobData.permissions,
      hasPermissions: Object.hasOwn(jobData, 'permissions'),
      env: asRecord(jobData.env) ?? {},
      uses: asString(jobData.uses),
      steps,
    };
    asArray(jobData.steps).forEach((item, index) => {
      const step = asRecord(item);
      if (!step) return;
      const name = asString(step.name);
      const uses = asString(step.uses);
      steps.push({
        job,
        index,
        path: [...path, 'steps', index],
        data: step,
        name,
        uses,
        run: asString(step.run),
        with: asRecord(step.with) ?? {},
        env: asRecord(step.env) ?? {},
        label: name ?? uses ?? `${id}#${index + 1}`,
        where: `jobs.${id}.steps[${index}]`,
      });
    });
    return [job];
  });
  return { triggers: triggersOf(data.on), permissions: data.permissions, hasPermissions: Object.hasOwn(data, 'permissions'), env: asRecord(data.env) ?? {}, jobs };
}

/** `on: push`, `on: [push, pull_request]` or `on: { push: {...} }`. */
function triggersOf(on: unknown): CiTrigger[] {
  const single = asString(on);
  if (single !== undefined) return [{ event: single, path: ['on'] }];
  if (Array.isArray(on)) return on.flatMap((event, index) => (typeof event === 'string' ? [{ event, path: ['on', index] }] : []));
  return Object.keys(asRecord(on) ?? {}).map((event) => ({ event, path: ['on', event] }));
}

/** One `${{ ... }}` in a string: its inner text and offset. */
export interface CiExpression {
  readonly text: string;
  readonly offset: number;
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

export function expressionsIn(text: string): CiExpression[] {
  const found: CiExpression[] = [];
  for (const match of text.matchAll(EXPRESSION)) found.push({ text: match[1]!.trim(), offset: match.index });
  return found;
}

/**
 * The line of an offset inside a scalar value whose key is on `keyLine`: a multi-line value
 * is a block scalar (`run: |`) whose text starts on the next line.
 */
export function lineInValue(keyLine: number, value: string, offset: number): number {
  if (!value.includes('\n')) return keyLine;
  let line = keyLine + 1;
  for (let i = value.indexOf('\n'); i !== -1 && i < offset; i = value.indexOf('\n', i + 1)) line++;
  return line;
}

/** The file line of 0-based line `scriptLine` of a scalar value whose key is on `keyLine`. */
export function lineOfScriptLine(keyLine: number, value: string, scriptLine: number): number {
  return value.includes('\n') ? keyLine + 1 + scriptLine : keyLine;
}

/** A location at `line` of the file of `at`, column 1 when the line moved. */
export function atLine(at: Location, line: number): Location {
  return at.kind === 'file' && at.line !== line ? { ...at, line, column: 1 } : at;
}

/**
 * Where an expression of a scalar value sits in the file: its line, and its column when the
 * line's text holds it (the n-th `${{` of that line of the value), else column 1.
 */
export function expressionLocation(workflow: CiWorkflow, keyLocation: Location, value: string, expression: CiExpression): Location {
  if (keyLocation.kind !== 'file') return keyLocation;
  const line = lineInValue(keyLocation.line, value, expression.offset);
  const moved = atLine(keyLocation, line);
  if (moved.kind !== 'file') return moved;
  const lineStart = value.lastIndexOf('\n', expression.offset - 1) + 1;
  const before = countOf(value.slice(lineStart, expression.offset), '${{');
  const text = workflow.lineText(line);
  if (text === undefined) return moved;
  const searchFrom = line === keyLocation.line ? Math.max(0, keyLocation.column - 1) : 0;
  let index = text.indexOf('${{', searchFrom);
  for (let n = 0; n < before && index !== -1; n++) index = text.indexOf('${{', index + 3);
  return index === -1 ? moved : { ...moved, column: index + 1 };
}

function countOf(text: string, part: string): number {
  let count = 0;
  for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + part.length)) count++;
  return count;
}

/** A `run:` script as shell, expressions replaced by `__GHA_EXPR_<n>__` so their spaces and `||` stay inside one word. */
export interface CiScript {
  readonly pipelines: readonly ShellPipeline[];
  readonly expressions: readonly CiExpression[];
}

const scripts = new WeakMap<CiStep, CiScript>();
export const EXPRESSION_PLACEHOLDER = /__GHA_EXPR_(\d+)__/g;

export function scriptOf(step: CiStep): CiScript {
  let script = scripts.get(step);
  if (!script) {
    const run = step.run ?? '';
    const expressions = expressionsIn(run);
    let n = 0;
    const replaced = run.replace(EXPRESSION, (whole: string) => `__GHA_EXPR_${n++}__${'\n'.repeat(countNewlines(whole))}`);
    script = { pipelines: parseShell(replaced), expressions };
    scripts.set(step, script);
  }
  return script;
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}

/** `actions/checkout@v4` → `{ action: 'actions/checkout', ref: 'v4' }`; local and docker actions have no owner. */
export function parseUses(uses: string): { action: string; ref: string | undefined } {
  const at = uses.lastIndexOf('@');
  return at === -1 ? { action: uses.trim(), ref: undefined } : { action: uses.slice(0, at).trim(), ref: uses.slice(at + 1).trim() };
}

/** Whether `uses:` names this action (`actions/checkout`, any ref, any case). */
export function usesAction(uses: string | undefined, action: string): boolean {
  return uses !== undefined && parseUses(uses).action.toLowerCase() === action;
}
