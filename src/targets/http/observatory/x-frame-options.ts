import type { Directives } from './csp-policies.js';
import type { TestOutcome } from './outcome.js';
import { header, type Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const X_FRAME_OPTIONS_MODIFIERS = {
  'x-frame-options-implemented-via-csp': 5,
  'x-frame-options-sameorigin-or-deny': 0,
  'x-frame-options-allow-from-origin': 0,
  'x-frame-options-not-implemented': -20,
  'x-frame-options-header-invalid': -20,
} as const satisfies Record<string, number>;

export type XFrameOptionsResult = keyof typeof X_FRAME_OPTIONS_MODIFIERS;

export function xfoTest(reading: Reading, csp: Directives | undefined): TestOutcome<XFrameOptionsResult> {
  // Any frame-ancestors directive takes over from X-Frame-Options, whatever it allows.
  if (csp?.has('frame-ancestors')) return { result: 'x-frame-options-implemented-via-csp', pass: true };
  const value = header(reading.page, 'x-frame-options');
  if (!value) return { result: 'x-frame-options-not-implemented', pass: false };
  const xfo = value.slice(0, 1024).trim().toLowerCase();
  if (xfo === 'deny' || xfo === 'sameorigin') return { result: 'x-frame-options-sameorigin-or-deny', pass: true };
  if (xfo.startsWith('allow-from')) return { result: 'x-frame-options-allow-from-origin', pass: true };
  return { result: 'x-frame-options-header-invalid', pass: false };
}
