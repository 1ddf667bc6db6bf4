import type { SiteTarget } from './targets.js';
import type { HttpResponse } from '../http/client.js';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** How many redirects a chain follows at most (browsers allow ~20; Observatory 10, hstspreload 3). */
export const MAX_REDIRECTS = 10;

export interface RedirectChain {
  /** Every response in order: the first request first, the last one is `final`. */
  hops: HttpResponse[];
  /** The last response fetched: not a redirect, unless following stopped early (see `stopped`). */
  final: HttpResponse;
  /**
   * Why following stopped at a redirect: its Location leaves the site's host, or goes to another
   * port or scheme of it that the plan does not name (live checks never request what the plan did
   * not name: the redirect is recorded, see SiteTarget.notFollowed), or the chain is longer than
   * MAX_REDIRECTS.
   */
  stopped?: { reason: 'off-host' | 'off-plan' | 'too-many'; location: URL };
}

export type ChainOutcome =
  | { ok: true; chain: RedirectChain }
  /** A request failed; `certificate` when it was a TLS certificate error (expired, untrusted, wrong host). */
  | { ok: false; hops: HttpResponse[]; failedUrl: string; error: string; certificate: boolean };

/** The Location a redirect points to, resolved against the URL it came from; undefined for a non-redirect. */
export function redirectTarget(response: HttpResponse): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get('location')?.[0];
  if (!location) return undefined;
  try {
    return new URL(location, response.url);
  } catch {
    return undefined;
  }
}

/**
 * GETs `start` on the site and follows redirects while they stay on the site's host and on
 * origins the plan names (the site, its scheme twin, other sites of the plan on that host).
 * Each hop is a cached site.get, so checks reading the same chain share the requests.
 */
export async function followRedirects(site: SiteTarget, start: string | URL = site.url, maxRedirects = MAX_REDIRECTS): Promise<ChainOutcome> {
  const hops: HttpResponse[] = [];
  let url = new URL(start, site.url);
  for (;;) {
    let response: HttpResponse;
    try {
      response = await site.get(url.toString());
    } catch (error) {
      return { ok: false, hops, failedUrl: url.toString(), error: describeError(error), certificate: isCertificateError(error) };
    }
    hops.push(response);
    const next = redirectTarget(response);
    if (!next) return { ok: true, chain: { hops, final: response } };
    if (next.hostname !== site.url.hostname || !site.isPlanned(next)) {
      site.notFollowed(response.url, next);
      return { ok: true, chain: { hops, final: response, stopped: { reason: next.hostname !== site.url.hostname ? 'off-host' : 'off-plan', location: next } } };
    }
    if (hops.length > maxRedirects) return { ok: true, chain: { hops, final: response, stopped: { reason: 'too-many', location: next } } };
    url = next;
  }
}

/** OpenSSL and Node codes of certificate verification failures. */
const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether an error (or one of its causes) is a certificate verification failure. */
export function isCertificateError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_ERRORS.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    parts.push([typeof code === 'string' ? code : '', typeof message === 'string' ? message : String(current)].filter(Boolean).join(' '));
    current = (current as { cause?: unknown }).cause;
  }
  return [...new Set(parts)].join(': ');
}
