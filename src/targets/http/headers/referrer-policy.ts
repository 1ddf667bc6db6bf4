import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const REFERRER_POLICY_MESSAGES = {
  referrerPolicyUnsafe: 'Referrer-Policy {value} sends full URLs (paths, query strings, tokens in them) to other origins',
  referrerPolicyInvalid: 'Referrer-Policy "{value}" has no valid policy: the browser default applies',
} as const;
export type ReferrerPolicyMessageId = keyof typeof REFERRER_POLICY_MESSAGES;

const VALID = new Set([
  'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin',
  'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url',
]);
const UNSAFE = new Set(['unsafe-url', 'no-referrer-when-downgrade']);

/**
 * The last valid token of a comma list wins (the fallback syntax). An absent header is not
 * reported: browsers default to strict-origin-when-cross-origin.
 */
export function referrerPolicyRule(headers: HttpHeaders): HeaderFinding<ReferrerPolicyMessageId>[] {
  const header = 'referrer-policy';
  const value = firstValue(headers, header);
  if (value === undefined) return [];
  const policy = value.split(',').map((token) => token.trim().toLowerCase()).filter((token) => VALID.has(token)).at(-1);
  if (!policy) return [{ messageId: 'referrerPolicyInvalid', data: { value }, header, missing: false, severity: 'low' }];
  if (UNSAFE.has(policy)) return [{ messageId: 'referrerPolicyUnsafe', data: { value: policy }, header, missing: false, severity: 'medium' }];
  return [];
}
