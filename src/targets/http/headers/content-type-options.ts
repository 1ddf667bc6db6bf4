import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const CONTENT_TYPE_OPTIONS_MESSAGES = {
  nosniffMissing: 'no X-Content-Type-Options: nosniff: browsers may sniff an upload or a JSON response into script or HTML',
  nosniffInvalid: 'X-Content-Type-Options is "{value}"; the only valid value is nosniff',
} as const;
export type ContentTypeOptionsMessageId = keyof typeof CONTENT_TYPE_OPTIONS_MESSAGES;

export function contentTypeOptionsRule(headers: HttpHeaders): HeaderFinding<ContentTypeOptionsMessageId>[] {
  const header = 'x-content-type-options';
  const value = firstValue(headers, header);
  if (value === undefined) return [{ messageId: 'nosniffMissing', data: {}, header, missing: true, severity: 'low' }];
  if (value.trim().toLowerCase() !== 'nosniff') return [{ messageId: 'nosniffInvalid', data: { value }, header, missing: false, severity: 'low' }];
  return [];
}
