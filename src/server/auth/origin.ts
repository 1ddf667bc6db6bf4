import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser says the request comes from another site. Sec-Fetch-Site, which every current
 * browser sends, decides alone: behind a proxy that rewrites Host (nginx's proxy_pass to
 * 127.0.0.1) an Origin never equals it. Older browsers are judged by an Origin ("null" under
 * Referrer-Policy: no-referrer) naming another host. Clients that send neither (curl, API
 * tokens) are judged by their token alone.
 */
export function crossOrigin(request: Pick<IncomingMessage, 'headers'>): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  return origin !== undefined && origin !== 'null' && hostOf(origin) !== request.headers.host;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
