import type { ObservatoryRequests } from './observed.js';
import type { TestOutcome } from './outcome.js';
import { header } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const HSTS_MODIFIERS = {
  'hsts-preloaded': 5,
  'hsts-implemented-max-age-at-least-six-months': 0,
  'hsts-implemented-max-age-less-than-six-months': -10,
  'hsts-not-implemented': -20,
  'hsts-header-invalid': -20,
  'hsts-not-implemented-no-https': -20,
  'hsts-invalid-cert': -20,
} as const satisfies Record<string, number>;

export type HstsResult = keyof typeof HSTS_MODIFIERS;

/** Observatory's "six months" for HSTS max-age, in seconds (180 days). */
const HSTS_SIX_MONTHS = 15_552_000;

export function hstsTest(requests: ObservatoryRequests): TestOutcome<HstsResult> {
  const https = requests.https;
  if (!https) return { result: 'hsts-not-implemented-no-https', pass: false };
  if (https.certificateError) return { result: 'hsts-invalid-cert', pass: false };
  const value = header(https.responses.at(-1), 'strict-transport-security');
  if (value === undefined) return { result: 'hsts-not-implemented', pass: false };
  const text = value.slice(0, 1024);
  // A comma means the header was sent more than once.
  if (text.includes(',')) return { result: 'hsts-header-invalid', pass: false };
  const maxAge = text.split(';').map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('max-age='));
  if (maxAge === undefined) return { result: 'hsts-header-invalid', pass: false };
  // As Observatory reads it: leading digits count, a value with none is not "less than six months".
  const seconds = parseInt(maxAge.slice('max-age='.length, 128), 10);
  return seconds < HSTS_SIX_MONTHS ? { result: 'hsts-implemented-max-age-less-than-six-months', pass: false } : { result: 'hsts-implemented-max-age-at-least-six-months', pass: true };
}
