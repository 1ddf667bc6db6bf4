import { isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import { Client } from 'undici';
import { connectTimed, type ConnectTimings } from './connect.js';

/** The one module of the probes that imports undici: one request on one fresh connection. */

export interface ExchangeRequest {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Decode the body (else it is drained unread). */
  readBody: boolean;
  trust: SecureContext | undefined;
  signal: AbortSignal;
}

export interface Exchange {
  status: number;
  headers: Map<string, string[]>;
  body: string | undefined;
  /** Milliseconds from the connection being ready to the response headers. */
  firstByteMs: number;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Sends one request over a new connection whose phases land in `timings`, reads the response
 * (body up to MAX_BODY_BYTES) and closes the connection.
 */
export async function exchange(url: URL, request: ExchangeRequest, timings: ConnectTimings): Promise<Exchange> {
  const https = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let readyAt = 0;
  const client = new Client(url.origin, {
    connect: (_options, callback) => {
      const tls = https ? { servername: isIP(host) ? undefined : host, secureContext: request.trust } : undefined;
      connectTimed({ host, port: Number(url.port || (https ? 443 : 80)), signal: request.signal, ...(tls ? { tls } : {}) }, timings).then(
        (socket) => {
          readyAt = performance.now();
          callback(null, socket);
        },
        (error: Error) => callback(error, null),
      );
    },
  });
  try {
    const response = await client.request({
      path: `${url.pathname}${url.search}`,
      method: request.method as 'GET',
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal,
      // Sends "connection: close": the server closes first and keeps the TIME_WAIT.
      reset: true,
    });
    const firstByteMs = performance.now() - readyAt;
    const body = request.readBody ? await readText(response.body) : await response.body.dump({ limit: MAX_BODY_BYTES }).then(() => undefined);
    return { status: response.statusCode, headers: headerMap(response.headers), body, firstByteMs };
  } finally {
    client.destroy().catch(() => undefined);
  }
}

async function readText(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return all.toString('utf8', 0, Math.min(all.length, MAX_BODY_BYTES));
}

function headerMap(headers: Record<string, string | string[] | undefined>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) map.set(name, Array.isArray(value) ? value : [value]);
  }
  return map;
}
