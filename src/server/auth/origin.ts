import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser says the request comes from another site: Sec-Fetch-Site, or an Origin
 * ("null" under Referrer-Policy: no-referrer) naming another host. Clients that send neither
 * (curl, API tokens) are judged by their token alone.
 */
export function crossOrigin(request: Pick<IncomingMessage, 'headers'>): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
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
