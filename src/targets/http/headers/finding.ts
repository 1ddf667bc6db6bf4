import type { Severity } from '../../../severity.js';
import type { HttpHeaders } from '../client.js';

/**
 * What a header rule found. Rules are pure functions of a header map (lower-case name →
 * values, as the live HTTP client returns them), so a static source (a Traefik headers
 * Middleware, an nginx `add_header`) and a live response are judged by the same code.
 */
export interface HeaderFinding<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly data: Record<string, string | number>;
  /** The header it is about, lower-case: where a static source points (its field, or its block when missing). */
  readonly header: string;
  /** True when the finding is about the header being absent. */
  readonly missing: boolean;
  /** How much this one finding matters; a check reports with its own severity, sources may filter on this. */
  readonly severity: Severity;
}

/** The first value of a header (the one browsers act on for single-valued security headers). */
export function firstValue(headers: HttpHeaders, name: string): string | undefined {
  return headers.get(name)?.[0];
}

/** A header map from name/value pairs: names lower-cased, values in order, empty values dropped. */
export function headerMap(pairs: Iterable<readonly [string, string]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    if (value.trim() === '') continue;
    const key = name.toLowerCase();
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
  return map;
}
