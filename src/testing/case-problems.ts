import { messageText, type AnyCheck } from '../checks/define.js';
import type { Result } from '../engine/result.js';

/** A case as the harness receives it: its input (one text, or files by path) and options. */
export interface CaseToCheck {
  name?: string;
  input: string | Record<string, string>;
  options?: Record<string, unknown>;
}

/**
 * Placeholders left in a case input, none of which a real file holds: a line that is only a
 * TODO, FIXME, XXX or TBD (a comment that mentions one is fine), an ellipsis line, and `<…>`,
 * `{{…}}`, `<TODO …>` or `{{ TODO }}`. Helm's `{{ .Values.x }}`, GitHub's `${{ github.sha }}`
 * and usage texts such as `<your-token>` are real syntax and stay allowed.
 */
const PLACEHOLDERS: readonly [pattern: RegExp, what: string][] = [
  [/^[ \t]*(?:TODO|FIXME|XXX|TBD)(?=[ \t:]|$).*$/m, 'a TODO line'],
  [/^[ \t]*…[ \t]*$/m, 'an ellipsis line'],
  [/<[ \t]*(?:(?:\.\.\.|…)[ \t]*|(?:TODO|FIXME|XXX|TBD)\b[^>\n]*)>/, 'a <…> placeholder'],
  [/\{\{[ \t]*(?:(?:\.\.\.|…)[ \t]*|(?:TODO|FIXME|XXX|TBD)\b[^}\n]*)\}\}/, 'a {{…}} placeholder'],
];

/**
 * What is wrong with a check's cases before any runs: two cases with the same input (whitespace
 * aside) and options, which add no coverage or contradict each other, and unfilled placeholders.
 */
export function caseProblems(cases: { pass: readonly CaseToCheck[]; fail: readonly CaseToCheck[] }): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const labelled = [...cases.pass.map((c, i) => [c, `pass case ${i + 1}`] as const), ...cases.fail.map((c, i) => [c, `fail case ${i + 1}`] as const)];
  for (const [testCase, position] of labelled) {
    const label = testCase.name === undefined ? position : `${position} ("${testCase.name}")`;
    const key = `${normalizedInput(testCase.input)}\0${stableJson(testCase.options ?? {})}`;
    const earlier = seen.get(key);
    if (earlier) problems.push(`${label} repeats ${earlier}: the same input (whitespace aside) and options`);
    else seen.set(key, label);
    for (const [path, text] of filesOf(testCase.input)) {
      for (const [pattern, what] of PLACEHOLDERS) {
        const found = pattern.exec(text);
        if (found) problems.push(`${label} has ${what} in ${path ?? 'its input'}, line ${lineOf(text, found.index)}: ${JSON.stringify(found[0].trim())}`);
      }
    }
  }
  return problems;
}

/** The `{placeholders}` of a failure's message template that its text still shows: data the check did not pass. */
export function unfilledPlaceholders(check: AnyCheck, result: Result): string[] {
  if (result.messageId === undefined) return [];
  const names = [...messageText(check, result.messageId).matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return [...new Set(names)].filter((name) => result.message.includes(`{${name}}`));
}

function filesOf(input: CaseToCheck['input']): [path: string | undefined, text: string][] {
  return typeof input === 'string' ? [[undefined, input]] : Object.entries(input);
}

/** Files in path order, each without blank lines, trailing blanks, common indentation or runs of blanks inside lines. */
function normalizedInput(input: CaseToCheck['input']): string {
  return filesOf(input)
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))
    .map(([path, text]) => `${path ?? ''}\n${normalizedText(text)}`)
    .join('\0');
}

function normalizedText(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line !== '');
  const indent = Math.min(...lines.map((line) => /^[ \t]*/.exec(line)![0].length));
  return lines.map((line) => line.slice(indent).replace(/(\S)[ \t]+/g, '$1 ')).join('\n');
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))) : item,
  );
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
