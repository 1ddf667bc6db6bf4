import type { TestOutcome } from './outcome.js';
import { header, type Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const REFERRER_POLICY_MODIFIERS = {
  'referrer-policy-private': 5,
  'referrer-policy-not-implemented': 0,
  'referrer-policy-unsafe': -5,
  'referrer-policy-header-invalid': -5,
} as const satisfies Record<string, number>;

export type ReferrerPolicyResult = keyof typeof REFERRER_POLICY_MODIFIERS;

const PRIVATE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

export function referrerPolicyTest(reading: Reading): TestOutcome<ReferrerPolicyResult> {
  const values = [header(reading.page, 'referrer-policy'), reading.meta.referrer].filter((v): v is string => v !== undefined);
  if (values.length === 0) return { result: 'referrer-policy-not-implemented', pass: true };
  // The last policy a browser understands wins.
  const tokens = values.join(', ').split(',').map((t) => t.trim().toLowerCase());
  const policy = tokens.filter((t) => PRIVATE_REFERRER.includes(t) || UNSAFE_REFERRER.includes(t)).at(-1);
  if (policy && PRIVATE_REFERRER.includes(policy)) return { result: 'referrer-policy-private', pass: true };
  if (policy) return { result: 'referrer-policy-unsafe', pass: false };
  return { result: 'referrer-policy-header-invalid', pass: false };
}
