import type { ObservatoryRequests } from './observed.js';
import type { TestOutcome } from './outcome.js';
import { header } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const CORS_MODIFIERS = {
  'cross-origin-resource-sharing-not-implemented': 0,
  'cross-origin-resource-sharing-implemented-with-public-access': 0,
  'cross-origin-resource-sharing-implemented-with-restricted-access': 0,
  'cross-origin-resource-sharing-implemented-with-universal-access': -50,
} as const satisfies Record<string, number>;

export type CorsResult = keyof typeof CORS_MODIFIERS;

export function corsTest(requests: ObservatoryRequests): TestOutcome<CorsResult> {
  const response = requests.cors?.response;
  const allowOrigin = header(response, 'access-control-allow-origin');
  if (!response || !allowOrigin) return { result: 'cross-origin-resource-sharing-not-implemented', pass: true };
  if (allowOrigin.slice(0, 256).trim().toLowerCase() === '*') return { result: 'cross-origin-resource-sharing-implemented-with-public-access', pass: true };
  const credentials = header(response, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  if (allowOrigin === requests.cors!.origin && credentials) return { result: 'cross-origin-resource-sharing-implemented-with-universal-access', pass: false };
  return { result: 'cross-origin-resource-sharing-implemented-with-restricted-access', pass: true };
}
