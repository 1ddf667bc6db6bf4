import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const CROSS_ORIGIN_MESSAGES = {
  coopMissing: 'no Cross-Origin-Opener-Policy: a page this one opens (or that opens it) keeps a window handle to it (XS-Leaks, tabnabbing)',
  coopInvalid: 'Cross-Origin-Opener-Policy "{value}" is not a valid value (same-origin, same-origin-allow-popups, noopener-allow-popups, unsafe-none)',
  coopUnsafeNone: 'Cross-Origin-Opener-Policy is unsafe-none: no isolation from cross-origin windows',
  corpMissing: 'no Cross-Origin-Resource-Policy: other sites can embed these responses (Spectre-style side channels)',
  corpInvalid: 'Cross-Origin-Resource-Policy "{value}" is not a valid value (same-origin, same-site, cross-origin)',
  coepInvalid: 'Cross-Origin-Embedder-Policy "{value}" is not a valid value (require-corp, credentialless, unsafe-none)',
} as const;
export type CrossOriginMessageId = keyof typeof CROSS_ORIGIN_MESSAGES;

const COOP = new Set(['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups', 'unsafe-none']);
const CORP = new Set(['same-origin', 'same-site', 'cross-origin']);
const COEP = new Set(['require-corp', 'credentialless', 'unsafe-none']);

/** A structured-header token: the value before any `;` parameters (`same-origin; report-to="x"`). */
function token(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase().replace(/^"(.*)"$/, '$1');
}

/**
 * COOP and CORP must be present and valid. COEP is opt-in (require-corp breaks third-party
 * embeds that do not send CORP), so only an invalid value is reported.
 */
export function crossOriginRule(headers: HttpHeaders): HeaderFinding<CrossOriginMessageId>[] {
  const findings: HeaderFinding<CrossOriginMessageId>[] = [];
  const coop = firstValue(headers, 'cross-origin-opener-policy');
  if (coop === undefined) findings.push({ messageId: 'coopMissing', data: {}, header: 'cross-origin-opener-policy', missing: true, severity: 'medium' });
  else if (!COOP.has(token(coop))) findings.push({ messageId: 'coopInvalid', data: { value: coop }, header: 'cross-origin-opener-policy', missing: false, severity: 'medium' });
  else if (token(coop) === 'unsafe-none') findings.push({ messageId: 'coopUnsafeNone', data: {}, header: 'cross-origin-opener-policy', missing: false, severity: 'low' });
  const corp = firstValue(headers, 'cross-origin-resource-policy');
  if (corp === undefined) findings.push({ messageId: 'corpMissing', data: {}, header: 'cross-origin-resource-policy', missing: true, severity: 'medium' });
  else if (!CORP.has(token(corp))) findings.push({ messageId: 'corpInvalid', data: { value: corp }, header: 'cross-origin-resource-policy', missing: false, severity: 'medium' });
  const coep = firstValue(headers, 'cross-origin-embedder-policy');
  if (coep !== undefined && !COEP.has(token(coep))) findings.push({ messageId: 'coepInvalid', data: { value: coep }, header: 'cross-origin-embedder-policy', missing: false, severity: 'low' });
  return findings;
}
