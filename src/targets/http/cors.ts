import type { HttpHeaders, HttpRequest } from './client.js';

/** The Origin harden sends when it asks a site about CORS: obviously fake, never a real site (RFC 6761 .invalid). */
export const PROBE_ORIGIN = 'https://harden-probe.invalid';

/** A CORS-enabled GET: what a cross-origin fetch() sends. */
export const CORS_GET: Omit<HttpRequest, 'body'> = { method: 'GET', headers: { origin: PROBE_ORIGIN } };
/** A preflight for a GET from PROBE_ORIGIN (as the MDN HTTP Observatory sends its own). */
export const CORS_PREFLIGHT: Omit<HttpRequest, 'body'> = { method: 'OPTIONS', headers: { origin: PROBE_ORIGIN, 'access-control-request-method': 'GET' } };

export type CorsExposure =
  /** ACAO repeats whatever Origin was sent: any site may read the response. */
  | 'reflected'
  | 'reflected-with-credentials'
  /** ACAO `null`: sandboxed iframes and data: URLs of any site may read it. */
  | 'null'
  | 'null-with-credentials'
  /** ACAO `*` with ACAC true: browsers refuse it, but it shows credentials were meant to be shared with anyone. */
  | 'wildcard-with-credentials';

/** How a response's CORS headers answer a request from `origin`; undefined when it does not open up to it. */
export function corsExposure(headers: HttpHeaders, origin: string): CorsExposure | undefined {
  const allowOrigin = headers.get('access-control-allow-origin')?.map((v) => v.trim());
  if (!allowOrigin?.length) return undefined;
  const credentials = headers.get('access-control-allow-credentials')?.some((v) => v.trim().toLowerCase() === 'true') ?? false;
  const suffix = credentials ? '-with-credentials' : '';
  if (allowOrigin.includes('null')) return `null${suffix}` as CorsExposure;
  if (allowOrigin.some((v) => v.toLowerCase() === origin.toLowerCase())) return `reflected${suffix}` as CorsExposure;
  if (allowOrigin.includes('*') && credentials) return 'wildcard-with-credentials';
  return undefined;
}

/** A CORS GET from an opaque origin (sandboxed iframe, data: URL): some servers allow `null` only when asked by it. */
export const CORS_NULL_GET: Omit<HttpRequest, 'body'> = { method: 'GET', headers: { origin: 'null' } };
