import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const CSP_MESSAGES = {
  cspMissing: 'no Content-Security-Policy: an injected script runs with the page\'s full privileges',
  cspReportOnly: 'Content-Security-Policy is only sent as Report-Only: nothing is enforced',
  cspNoScriptSrc: 'Content-Security-Policy has neither script-src nor default-src: scripts load from anywhere',
  cspUnsafeInline: 'Content-Security-Policy {directive} allows \'unsafe-inline\' (without a nonce or hash): injected inline scripts run',
  cspUnsafeEval: 'Content-Security-Policy {directive} allows \'unsafe-eval\': strings become code (eval, new Function)',
  cspWildcardSource: 'Content-Security-Policy {directive} allows {source}: scripts load from any host',
  cspObjectSrc: 'Content-Security-Policy does not set object-src \'none\' (effective: {value}): plugins can run script',
  cspNoBaseUri: 'Content-Security-Policy has no base-uri: an injected <base> tag redirects every relative script URL',
} as const;
export type CspMessageId = keyof typeof CSP_MESSAGES;

/** Directives by lower-case name with their source lists; the first occurrence of a directive wins, as in browsers. */
export type CspPolicy = ReadonlyMap<string, readonly string[]>;

export function parseCsp(value: string): CspPolicy {
  const policy = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!policy.has(key)) policy.set(key, sources);
  }
  return policy;
}

const NONCE_OR_HASH = /^'(?:nonce-|sha(?:256|384|512)-)/;
const WILDCARDS = new Set(['*', 'http:', 'https:', 'data:', 'blob:', 'filesystem:']);

/** CSP parsed per directive: unsafe-inline / unsafe-eval / wildcards in script sources, object-src, base-uri. */
export function cspRule(headers: HttpHeaders): HeaderFinding<CspMessageId>[] {
  const header = 'content-security-policy';
  const value = firstValue(headers, header);
  if (value === undefined) {
    const reportOnly = firstValue(headers, 'content-security-policy-report-only') !== undefined;
    return reportOnly
      ? [{ messageId: 'cspReportOnly', data: {}, header: 'content-security-policy-report-only', missing: false, severity: 'medium' }]
      : [{ messageId: 'cspMissing', data: {}, header, missing: true, severity: 'medium' }];
  }
  const policy = parseCsp(value);
  const findings: HeaderFinding<CspMessageId>[] = [];
  const finding = (messageId: CspMessageId, severity: HeaderFinding['severity'], data: HeaderFinding['data'] = {}) =>
    findings.push({ messageId, data, header, missing: false, severity });
  const scriptDirective = policy.has('script-src') ? 'script-src' : policy.has('default-src') ? 'default-src' : undefined;
  if (!scriptDirective) finding('cspNoScriptSrc', 'medium');
  else {
    const sources = policy.get(scriptDirective)!.map((source) => source.toLowerCase());
    const neutralised = sources.some((source) => NONCE_OR_HASH.test(source) || source === "'strict-dynamic'");
    if (sources.includes("'unsafe-inline'") && !neutralised) finding('cspUnsafeInline', 'medium', { directive: scriptDirective });
    if (sources.includes("'unsafe-eval'")) finding('cspUnsafeEval', 'medium', { directive: scriptDirective });
    for (const source of sources) if (WILDCARDS.has(source)) finding('cspWildcardSource', 'medium', { directive: scriptDirective, source });
  }
  const objectSources = policy.get('object-src') ?? policy.get('default-src');
  if (!(objectSources?.length === 1 && objectSources[0]!.toLowerCase() === "'none'")) finding('cspObjectSrc', 'low', { value: objectSources?.join(' ') || '(any)' });
  if (!policy.has('base-uri')) finding('cspNoBaseUri', 'low');
  return findings;
}
