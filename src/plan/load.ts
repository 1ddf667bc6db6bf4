import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { AnyCheck } from '../checks/define.js';
import { InputError } from '../errors.js';
import { readInputFile, tooLarge } from '../input-file.js';
import { MAX_PLAN_BYTES } from '../limits.js';
import { parseYaml, type Position, type YamlPath } from '../targets/yaml/source.js';
import { planSchema, type Plan } from './schema.js';
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
  const at = (path: YamlPath, message: string) => {
    const { line, column } = locate(path);
    return `${file}:${line}:${column}: ${message}`;
  };
  // A plain copy: the YAML data carries source positions under a symbol key, which zod records would see.
  const parsed = planSchema.safeParse(structuredClone(document?.data ?? {}));
  if (!parsed.success) throw new InputError(parsed.error.issues.slice(0, 20).map(unionBranch).map((issue) => at(issuePath(issue), describe(issue))));
  const loaded: LoadedPlan = { plan: parsed.data, file, dir: dirname(resolve(file)), locate };
  const invalid = validatePlan(parsed.data, options);
  if (invalid.length > 0) throw new InputError(invalid.slice(0, 20).map((issue) => at(issue.path, issue.message)));
  return loaded;
}

/**
 * For a value that matched no branch of a union (a check given as a string or an object,
 * a site as a URL or an object), the most specific complaint of the closest branch.
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.filter((branch) => branch.length > 0);
  const closest = branches.sort((a, b) => Math.max(...b.map((i) => i.path.length)) - Math.max(...a.map((i) => i.path.length)))[0];
  const inner = closest?.sort((a, b) => b.path.length - a.path.length)[0];
  return inner ? unionBranch({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue) : issue;
}

function issuePath(issue: z.core.$ZodIssue): YamlPath {
  return issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
}

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.at(-1);
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `"${String(field)}" is required`;
  return typeof field === 'string' ? `${field}: ${issue.message}` : issue.message;
}
