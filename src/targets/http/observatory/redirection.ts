import type { ObservatoryRequests } from './observed.js';
import type { TestOutcome } from './outcome.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const REDIRECTION_MODIFIERS = {
  'redirection-all-redirects-preloaded': 0,
  'redirection-to-https': 0,
  'redirection-not-needed-no-http': 0,
  'redirection-off-host-from-http': -5,
  'redirection-not-to-https-on-initial-redirection': -10,
  'redirection-not-to-https': -20,
  'redirection-missing': -20,
  'redirection-invalid-cert': -20,
} as const satisfies Record<string, number>;

export type RedirectionResult = keyof typeof REDIRECTION_MODIFIERS;

export function redirectionTest(requests: ObservatoryRequests): TestOutcome<RedirectionResult> {
  const http = requests.http;
  if (!http) return { result: 'redirection-not-needed-no-http', pass: true };
  if (http.certificateError) return { result: 'redirection-invalid-cert', pass: false };
  const route = http.urls;
  let result: RedirectionResult;
  if (route.length === 1) result = 'redirection-missing';
  else if (route.at(-1)!.protocol !== 'https:') result = 'redirection-not-to-https';
  else if (route[1]!.protocol === 'http:') result = 'redirection-not-to-https-on-initial-redirection';
  else if (route[0]!.protocol === 'http:' && route[1]!.protocol === 'https:' && route[0]!.hostname !== route[1]!.hostname) result = 'redirection-off-host-from-http';
  else result = 'redirection-to-https';
  return { result, pass: result === 'redirection-to-https' };
}
