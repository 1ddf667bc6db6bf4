import type { Severity } from '../../../severity.js';
import type { HttpHeaders } from '../client.js';
import { CONTENT_TYPE_OPTIONS_MESSAGES, contentTypeOptionsRule } from './content-type-options.js';
import { CROSS_ORIGIN_MESSAGES, crossOriginRule } from './cross-origin.js';
import { CSP_MESSAGES, cspRule } from './csp.js';
import type { HeaderFinding } from './finding.js';
import { FRAME_OPTIONS_MESSAGES, frameOptionsRule } from './frame-options.js';
import { HSTS_MESSAGES, hstsRule } from './hsts.js';
import { REFERRER_POLICY_MESSAGES, referrerPolicyRule } from './referrer-policy.js';
import { SERVER_TOKENS_MESSAGES, serverTokensRule } from './server-tokens.js';
import { XSS_PROTECTION_MESSAGES, xssProtectionRule } from './xss-protection.js';

/** Every message of the security-header rules: a check that applies them lists these as its messages. */
export const SECURITY_HEADER_MESSAGES = {
  ...HSTS_MESSAGES,
  ...CSP_MESSAGES,
  ...CROSS_ORIGIN_MESSAGES,
  ...CONTENT_TYPE_OPTIONS_MESSAGES,
  ...FRAME_OPTIONS_MESSAGES,
  ...REFERRER_POLICY_MESSAGES,
  ...XSS_PROTECTION_MESSAGES,
  ...SERVER_TOKENS_MESSAGES,
} as const;
export type SecurityHeaderMessageId = keyof typeof SECURITY_HEADER_MESSAGES;

/** One rule per header family, in report order. */
export const SECURITY_HEADER_RULES: readonly ((headers: HttpHeaders) => HeaderFinding<SecurityHeaderMessageId>[])[] = [
  hstsRule,
  cspRule,
  frameOptionsRule,
  contentTypeOptionsRule,
  crossOriginRule,
  referrerPolicyRule,
  xssProtectionRule,
  serverTokensRule,
];

/** The findings of every rule on one set of response headers. */
export function securityHeaderFindings(headers: HttpHeaders): HeaderFinding<SecurityHeaderMessageId>[] {
  return SECURITY_HEADER_RULES.flatMap((rule) => rule(headers));
}

/**
 * How much each outcome matters, whichever source reported it (a live response, a Traefik
 * middleware, an nginx server): a missing HSTS or an unsafe script policy is medium, a
 * deprecated header or a version banner low.
 */
export const HEADER_MESSAGE_SEVERITY: Record<SecurityHeaderMessageId, Severity> = {
  hstsMissing: 'medium',
  hstsInvalid: 'medium',
  hstsShortMaxAge: 'low',
  hstsNoSubdomains: 'low',
  hstsNoPreload: 'low',
  hstsPreloadIneligible: 'low',
  cspMissing: 'medium',
  cspReportOnly: 'low',
  cspNoScriptSrc: 'medium',
  cspUnsafeInline: 'medium',
  cspUnsafeEval: 'medium',
  cspWildcardSource: 'medium',
  cspObjectSrc: 'low',
  cspNoBaseUri: 'low',
  framingAllowed: 'medium',
  frameOptionsInvalid: 'medium',
  frameAncestorsWildcard: 'medium',
  nosniffMissing: 'low',
  nosniffInvalid: 'low',
  coopMissing: 'medium',
  coopInvalid: 'low',
  coopUnsafeNone: 'low',
  corpMissing: 'medium',
  corpInvalid: 'low',
  coepInvalid: 'low',
  referrerPolicyUnsafe: 'medium',
  referrerPolicyInvalid: 'low',
  xssProtectionEnabled: 'low',
  serverVersion: 'low',
  poweredBy: 'low',
};

/**
 * The messages of some header outcomes, each with its severity: a check lists the ids it
 * reports (the registry test reads them from its source).
 */
export function headerMessages<Id extends SecurityHeaderMessageId>(ids: readonly Id[]): Record<Id, { text: string; severity: Severity }> {
  const all: Record<string, string> = SECURITY_HEADER_MESSAGES;
  return Object.fromEntries(ids.map((id) => [id, { text: all[id]!, severity: HEADER_MESSAGE_SEVERITY[id] }])) as Record<Id, { text: string; severity: Severity }>;
}

/** Every header message id, for checks that report them all. */
export const ALL_HEADER_MESSAGE_IDS = Object.keys(SECURITY_HEADER_MESSAGES) as SecurityHeaderMessageId[];
