import type { DeliveryContext } from './define.js';
import { basicAuthorization, maskText, urlSecrets } from '../secrets.js';

/** A delivery the receiver refused or never answered; the message is safe to log and store. */
export class DeliveryError extends Error {
  /** The receiver asked to wait (429/503 Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'DeliveryError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface JsonPost {
  url: string;
  headers?: Record<string, string>;
  body: string;
  /** Values that must never appear in an error: the webhook URL, tokens, routing keys, header values (the URL's own credentials are added). */
  secrets: string[];
}

const MAX_RETRY_AFTER_MS = 3_600_000;
const SNIPPET_CHARS = 120;

/**
 * POSTs to a receiver; resolves on a 2xx answer, else throws a DeliveryError naming only the host,
 * every secret of the request masked. A user:password in the URL is sent as Basic authorization.
 */
export async function post(request: JsonPost, ctx: DeliveryContext): Promise<void> {
  const url = new URL(request.url);
  const host = url.host;
  const basic = basicAuthorization(url);
  url.username = '';
  url.password = '';
  const secrets = [...request.secrets, ...urlSecrets(request.url), ...(basic ? [basic, basic.slice('Basic '.length)] : [])];
  // Extra CAs are added to the system's roots, not used instead of them.
  // The HTTP client (undici) loads with the first delivery, not with the plan that names the channel.
  const { HttpClient } = await import('../../targets/http/client.js');
  const client = new HttpClient({ connectionsPerHost: 1, timeoutMs: ctx.timeoutMs, ...(ctx.ca.length ? { ca: ctx.ca } : {}) });
  try {
    const headers = { 'content-type': 'application/json', ...(basic ? { authorization: basic } : {}), ...request.headers };
    const response = await client
      .send(url.href, { method: 'POST', headers, body: request.body, ...(ctx.signal ? { signal: ctx.signal } : {}) })
      .catch((error: unknown) => {
        throw new DeliveryError(maskText(unreachable(error, host, ctx.timeoutMs), secrets));
      });
    if (response.status >= 200 && response.status < 300) return;
    const snippet = response.body.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_CHARS);
    const reason = `HTTP ${response.status}${response.status === 429 ? ' (rate limited)' : ''} from ${host}${snippet ? `: ${snippet}` : ''}`;
    throw new DeliveryError(maskText(reason, secrets), retryAfter(response.headers.get('retry-after')?.[0]));
  } finally {
    await client.close();
  }
}

function unreachable(error: unknown, host: string, timeoutMs: number): string {
  const { name, code } = error as { name?: string; code?: string };
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return `no answer from ${host} within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = code && !code.startsWith('UND_ERR') ? code : (cause?.code ?? (error instanceof Error ? error.message : String(error)));
  return `could not reach ${host}: ${detail}`;
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}
