/**
 * A schema complaint as a plan author reads it: where it is, what was expected and what was
 * found ("id" must be a string, found a number), never a wrong type passed off as a missing field.
 */
import type { z } from 'zod';
import type { YamlPath } from '../targets/yaml/source.js';

export interface PlanSchemaIssue {
  path: YamlPath;
  message: string;
}

/** Parse with `reportInput: true`: what was found is part of each message. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): PlanSchemaIssue[] {
  return issues.map(unionBranch).map((issue) => ({ path: issuePath(issue), message: describe(issue) }));
}

/**
 * For a value that matched no branch of a union (a check given as a string or an object,
 * a site as a URL or an object), the most specific complaint of the closest branch; when
 * no branch got past the value's type, the union itself ("a string or a mapping").
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.filter((branch) => branch.length > 0);
  if (branches.every((branch) => branch.every((inner) => inner.path.length === 0 && inner.code === 'invalid_type'))) return issue;
  const closest = branches.sort((a, b) => Math.max(...b.map((i) => i.path.length)) - Math.max(...a.map((i) => i.path.length)))[0];
  const inner = closest?.sort((a, b) => b.path.length - a.path.length)[0];
  return inner ? unionBranch({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue) : issue;
}

function issuePath(issue: z.core.$ZodIssue): YamlPath {
  return issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
}

function describe(issue: z.core.$ZodIssue): string {
  const field = fieldName(issuePath(issue));
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is required`;
      return `${field} must be ${typeName(issue.expected)}, found ${kindOf(issue.input)}`;
    case 'invalid_union': {
      const expected = [...new Set(issue.errors.flat().flatMap((inner) => (inner.code === 'invalid_type' ? [typeName(inner.expected)] : [])))];
      if (issue.input === undefined) return `${field} is required`;
      return `${field} must be ${expected.join(' or ') || 'something else'}, found ${kindOf(issue.input)}`;
    }
    case 'invalid_value':
      if (isDefault(issue.message)) return `${field} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, found ${JSON.stringify(issue.input) ?? 'nothing'}`;
      break;
    case 'too_small':
      if (isDefault(issue.message)) return `${field} ${tooSmall(issue)}`;
      break;
    case 'too_big':
      if (isDefault(issue.message)) return `${field} ${tooBig(issue)}`;
      break;
  }
  const last = issuePath(issue).at(-1);
  return typeof last === 'string' ? `${last}: ${issue.message}` : issue.message;
}

/** zod's own wording (custom messages in the schema are kept as written). */
function isDefault(message: string): boolean {
  return /^(Invalid input|Too small|Too big)\b/.test(message);
}

/** `"id"`, or `entry 2 of "items"` for a list's element. */
function fieldName(path: YamlPath): string {
  const last = path.at(-1);
  if (last === undefined) return 'the plan';
  if (typeof last === 'string') return `"${last}"`;
  const list = path.at(-2);
  return `entry ${last + 1}${list === undefined ? '' : ` of "${list}"`}`;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
    case 'map':
      return 'a mapping (key: value)';
    case 'array':
    case 'tuple':
    case 'set':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'nan':
      return 'not a number';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

/** What a YAML value is, in the words of the messages above. */
export function kindOf(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'string') return 'a string';
  return typeof value;
}

function tooSmall(issue: z.core.$ZodIssue & { code: 'too_small' }): string {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'string') return minimum <= 1 ? 'must not be empty' : `must have at least ${minimum} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') return minimum <= 1 ? 'must not be an empty list' : `must list at least ${minimum} entries`;
  return `must be ${issue.inclusive ? 'at least' : 'more than'} ${minimum}`;
}

function tooBig(issue: z.core.$ZodIssue & { code: 'too_big' }): string {
  const maximum = Number(issue.maximum);
  if (issue.origin === 'string') return `must have at most ${maximum} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') return `must list at most ${maximum} entries`;
  return `must be ${issue.inclusive ? 'at most' : 'less than'} ${maximum}`;
}
