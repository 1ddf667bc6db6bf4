import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

/** One year: the minimum the HSTS preload list accepts and the usual recommendation. */
export const HSTS_MIN_MAX_AGE = 31536000;

export const HSTS_MESSAGES = {
  hstsMissing: 'no Strict-Transport-Security header: the first request of every visit can be downgraded to plain HTTP',
  hstsInvalid: 'Strict-Transport-Security "{value}" has no valid max-age: browsers ignore it',
  hstsShortMaxAge: 'Strict-Transport-Security max-age={maxAge} is below one year ({minimum})',
  hstsNoSubdomains: 'Strict-Transport-Security lacks includeSubDomains: sibling hosts can be downgraded and used to set cookies',
  hstsNoPreload: 'Strict-Transport-Security lacks preload: the domain is not eligible for the browsers\' preload list, the first visit stays unprotected',
  hstsPreloadIneligible: 'Strict-Transport-Security asks for preload but the list requires max-age >= {minimum} and includeSubDomains',
} as const;
export type HstsMessageId = keyof typeof HSTS_MESSAGES;

export interface HstsPolicy {
  maxAge: number | undefined;
  includeSubDomains: boolean;
  preload: boolean;
}

/** `max-age=31536000; includeSubDomains; preload`, directives case-insensitive, quoted max-age allowed. */
export function parseHsts(value: string): HstsPolicy {
  const policy: HstsPolicy = { maxAge: undefined, includeSubDomains: false, preload: false };
  for (const part of value.split(';')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName!.trim().toLowerCase();
    if (name === 'max-age') {
      const number = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
      if (/^\d+$/.test(number)) policy.maxAge = Number(number);
    } else if (name === 'includesubdomains') policy.includeSubDomains = true;
    else if (name === 'preload') policy.preload = true;
  }
  return policy;
}

/** HSTS: present, max-age of a year or more, includeSubDomains, preload eligibility. */
export function hstsRule(headers: HttpHeaders): HeaderFinding<HstsMessageId>[] {
  const header = 'strict-transport-security';
  const value = firstValue(headers, header);
  if (value === undefined) return [{ messageId: 'hstsMissing', data: {}, header, missing: true, severity: 'medium' }];
  const policy = parseHsts(value);
  if (policy.maxAge === undefined) return [{ messageId: 'hstsInvalid', data: { value }, header, missing: false, severity: 'medium' }];
  const findings: HeaderFinding<HstsMessageId>[] = [];
  const finding = (messageId: HstsMessageId, severity: HeaderFinding['severity'], data: HeaderFinding['data'] = {}) =>
    findings.push({ messageId, data, header, missing: false, severity });
  if (policy.maxAge < HSTS_MIN_MAX_AGE) finding('hstsShortMaxAge', policy.maxAge === 0 ? 'medium' : 'low', { maxAge: policy.maxAge, minimum: HSTS_MIN_MAX_AGE });
  if (!policy.includeSubDomains) finding('hstsNoSubdomains', 'low');
  if (policy.preload && (policy.maxAge < HSTS_MIN_MAX_AGE || !policy.includeSubDomains)) finding('hstsPreloadIneligible', 'low', { minimum: HSTS_MIN_MAX_AGE });
  if (!policy.preload && policy.maxAge >= HSTS_MIN_MAX_AGE && policy.includeSubDomains) finding('hstsNoPreload', 'low');
  return findings;
}
