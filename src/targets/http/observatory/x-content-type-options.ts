import type { TestOutcome } from './outcome.js';
import { header, type Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const X_CONTENT_TYPE_OPTIONS_MODIFIERS = {
  'x-content-type-options-nosniff': 0,
  'x-content-type-options-not-implemented': -5,
  'x-content-type-options-header-invalid': -5,
} as const satisfies Record<string, number>;

export type XContentTypeOptionsResult = keyof typeof X_CONTENT_TYPE_OPTIONS_MODIFIERS;

export function xctoTest(reading: Reading): TestOutcome<XContentTypeOptionsResult> {
  const value = header(reading.page, 'x-content-type-options');
  if (!value) return { result: 'x-content-type-options-not-implemented', pass: false };
  return value.slice(0, 256).trim().toLowerCase() === 'nosniff' ? { result: 'x-content-type-options-nosniff', pass: true } : { result: 'x-content-type-options-header-invalid', pass: false };
}
