import type { HttpHeaders } from '../client.js';
import { parseCsp } from './csp.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const FRAME_OPTIONS_MESSAGES = {
  framingAllowed: 'neither X-Frame-Options nor CSP frame-ancestors is set: any site can frame these pages (clickjacking)',
  frameOptionsInvalid: 'X-Frame-Options "{value}" is not DENY or SAMEORIGIN (ALLOW-FROM is ignored by current browsers): framing is not restricted',
  frameAncestorsWildcard: 'CSP frame-ancestors allows {source}, and it overrides X-Frame-Options: any site can frame these pages',
} as const;
export type FrameOptionsMessageId = keyof typeof FRAME_OPTIONS_MESSAGES;

/** Clickjacking: X-Frame-Options DENY/SAMEORIGIN, or CSP frame-ancestors (which wins when both are sent). */
export function frameOptionsRule(headers: HttpHeaders): HeaderFinding<FrameOptionsMessageId>[] {
  const csp = firstValue(headers, 'content-security-policy');
  const ancestors = csp === undefined ? undefined : parseCsp(csp).get('frame-ancestors');
  if (ancestors) {
    const wildcard = ancestors.find((source) => source === '*' || source === 'https:' || source === 'http:');
    return wildcard
      ? [{ messageId: 'frameAncestorsWildcard', data: { source: wildcard }, header: 'content-security-policy', missing: false, severity: 'medium' }]
      : [];
  }
  const header = 'x-frame-options';
  const value = firstValue(headers, header);
  if (value === undefined) return [{ messageId: 'framingAllowed', data: {}, header, missing: true, severity: 'medium' }];
  const normalized = value.trim().toUpperCase();
  if (normalized !== 'DENY' && normalized !== 'SAMEORIGIN') return [{ messageId: 'frameOptionsInvalid', data: { value }, header, missing: false, severity: 'medium' }];
  return [];
}
