import type { TestOutcome } from './outcome.js';
import { header, type Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const CORP_MODIFIERS = {
  'corp-implemented-with-same-origin': 10,
  'corp-implemented-with-same-site': 10,
  'corp-implemented-with-cross-origin': 0,
  'corp-not-implemented': 0,
  'corp-header-invalid': -5,
} as const satisfies Record<string, number>;

export type CorpResult = keyof typeof CORP_MODIFIERS;

export function corpTest(reading: Reading): TestOutcome<CorpResult> {
  const value = header(reading.page, 'cross-origin-resource-policy');
  if (!value) return { result: 'corp-not-implemented', pass: true };
  const corp = value.slice(0, 256).trim().toLowerCase();
  if (corp === 'same-site') return { result: 'corp-implemented-with-same-site', pass: true };
  if (corp === 'same-origin') return { result: 'corp-implemented-with-same-origin', pass: true };
  if (corp === 'cross-origin') return { result: 'corp-implemented-with-cross-origin', pass: true };
  return { result: 'corp-header-invalid', pass: false };
}
