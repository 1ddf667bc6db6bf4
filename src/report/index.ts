import { InputError } from '../errors.js';
import type { ReportFormat } from './define.js';
import { jsonFormat } from './json.js';
import { markdownFormat } from './markdown.js';
import { junitFormat } from './junit.js';
import { sarifFormat } from './sarif.js';
import { terminalFormat } from './terminal.js';

/**
 * Every report format harden ships, in the order help texts list them.
 * A new format is one file in src/report/ and one line here: formats people
 * read (terminal, markdown, html) first, then machine formats.
 */
export const FORMATS: readonly ReportFormat[] = [
  terminalFormat,
  markdownFormat,
  jsonFormat,
  sarifFormat,
  junitFormat,
];

/** The format with this id; an unknown id is a usage error naming the known ones. */
export function formatById(id: string): ReportFormat {
  const format = FORMATS.find((candidate) => candidate.id === id);
  if (!format) throw new InputError([`unknown report format "${id}" (formats: ${FORMATS.map((f) => f.id).join(', ')})`]);
  return format;
}
