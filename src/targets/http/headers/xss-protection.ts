import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const XSS_PROTECTION_MESSAGES = {
  xssProtectionEnabled: 'X-XSS-Protection "{value}" turns on the removed XSS auditor, which leaked page content (XS-Leaks) in the browsers that had it; send 0 or nothing',
} as const;
export type XssProtectionMessageId = keyof typeof XSS_PROTECTION_MESSAGES;

/** Deprecated: anything but `0` (or no header) enables a filter that caused more leaks than it stopped. */
export function xssProtectionRule(headers: HttpHeaders): HeaderFinding<XssProtectionMessageId>[] {
  const header = 'x-xss-protection';
  const value = firstValue(headers, header);
  if (value === undefined || value.trim() === '0') return [];
  return [{ messageId: 'xssProtectionEnabled', data: { value }, header, missing: false, severity: 'low' }];
}
