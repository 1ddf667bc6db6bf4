import { dirname, resolve } from 'node:path';
import type { AnyCheck } from '../checks/define.js';
import { InputError } from '../errors.js';
import { readInputFile, tooLarge } from '../input-file.js';
import { MAX_PLAN_BYTES } from '../limits.js';
import { asRecord } from '../targets/yaml/read.js';
import { parseYaml, type Position, type YamlDocument, type YamlPath, type YamlProblem } from '../targets/yaml/source.js';
import { planSchema, type Plan } from './schema.js';
import { maskPlanValues } from './masked-values.js';
import { describeIssues, kindOf } from './schema-issues.js';
import { validatePlan } from './validate.js';

export interface LoadedPlan {
  plan: Plan;
  /** The plan file as the user named it (for messages and SARIF). */
  file: string;
  /** Directory the plan's relative paths are resolved from. */
  dir: string;
  /** Source position of a path in the plan (the key, for map entries). */
  locate(path: YamlPath): Position;
}

export interface PlanLoadOptions {
  catalog: ReadonlyMap<string, AnyCheck>;
  now: Date;
}

export function loadPlan(file: string, options: PlanLoadOptions): LoadedPlan {
  return parsePlan(readInputFile(file, 'plan', MAX_PLAN_BYTES), file, options);
}

/** Parses and validates a plan; every problem becomes a `file:line:col: message` line. */
export function parsePlan(text: string, file: string, options: PlanLoadOptions): LoadedPlan {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PLAN_BYTES) throw tooLarge(file, 'plan', bytes, MAX_PLAN_BYTES);
  const { documents, problems } = parseYaml(text);
  if (problems.length > 0) throw new InputError(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`));
  const document = documents[0];
  const locate = (path: YamlPath): Position => {
    const { line, column } = document?.locate(path) ?? { line: 1, column: 1 };
    return { line, column };
  };
  // Built only for a plan with problems: a plan that loads never walks its strings for secrets.
  let mask: ((line: string) => string) | undefined;
  const at = (path: YamlPath, message: string) => {
    const { line, column } = locate(path);
    mask ??= maskPlanValues(document?.data);
    return mask(`${file}:${line}:${column}: ${message}`);
  };
  const shape = document ? shapeProblems(document, documents.slice(1)) : [];
  if (shape.length > 0) throw new InputError(shape.slice(0, 20).map((p) => `${file}:${p.line}:${p.column}: ${p.message}`));
  // A plain copy: the YAML data carries source positions under a symbol key, which zod records would see.
  const parsed = planSchema.safeParse(structuredClone(document?.data ?? {}), { reportInput: true });
  if (!parsed.success) throw new InputError(describeIssues(parsed.error.issues.slice(0, 20)).map((issue) => at(issue.path, issue.message)), true);
  const loaded: LoadedPlan = { plan: parsed.data, file, dir: dirname(resolve(file)), locate };
  const invalid = validatePlan(parsed.data, options);
  if (invalid.length > 0) throw new InputError(invalid.slice(0, 20).map((issue) => at(issue.path, issue.message)), true);
  return loaded;
}

/** A plan is one YAML document holding a mapping, each key set once: anything else would be read in part. */
function shapeProblems(document: YamlDocument, more: readonly YamlDocument[]): YamlProblem[] {
  const problems: YamlProblem[] = [];
  if (asRecord(document.data) === undefined)
    problems.push({ ...document.start, message: `the plan must be a mapping (version:, targets:, items:, ...), found ${kindOf(document.data)}` });
  for (const duplicate of document.duplicates)
    problems.push({ ...duplicate.again, message: `"${duplicate.key}" is set twice (first at line ${duplicate.first.line}); a key may appear once in a mapping` });
  for (const extra of more)
    problems.push({ ...extra.start, message: 'a second YAML document: a plan is one document (remove the "---" line before this one, or what follows it)' });
  return problems;
}
