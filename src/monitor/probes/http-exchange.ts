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
  /** Why an address of the URL's host may not be connected to (see ConnectOptions.refuse). */
  refuse?: (address: string) => string | undefined;
}

export interface Exchange {
  status: number;
  headers: Map<string, string[]>;
  body: string | undefined;
  /** Milliseconds from the connection being ready to the response headers. */
  firstByteMs: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

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
      connectTimed({ host, port: Number(url.port || (https ? 443 : 80)), signal: request.signal, ...(tls ? { tls } : {}), ...(request.refuse ? { refuse: request.refuse } : {}) }, timings).then(
        (socket) => {
          readyAt = performance.now();
          callback(null, socket);
        },
        (error: Error) => callback(error, null),
      );
    },
  });
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<Exchange>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let headers: Map<string, string[]> | undefined;
      let firstByteMs = 0;
      const finish = () => {
        const body = request.readBody ? decode(chunks, size) : undefined;
        resolve({ status, headers: headers ?? new Map(), body, firstByteMs });
      };
      // dispatch() rather than request(): no stream per response, the body arrives as plain chunks.
      client.dispatch(
        {
          path: `${url.pathname}${url.search}`,
          method: request.method as 'GET',
          headers: request.headers,
          body: request.body ?? null,
          // Sends "connection: close": the server closes first and keeps the TIME_WAIT.
          reset: true,
        },
        {
          onRequestStart(controller) {
            onAbort = () => controller.abort(request.signal.reason as Error);
            if (request.signal.aborted) onAbort();
            else request.signal.addEventListener('abort', onAbort, { once: true });
          },
          onResponseStart(_controller, statusCode, responseHeaders) {
            if (statusCode < 200) return;
            firstByteMs = performance.now() - readyAt;
            status = statusCode;
            headers = headerMap(responseHeaders);
          },
          onResponseData(controller, chunk) {
            if (request.readBody) chunks.push(chunk);
            size += chunk.length;
            if (size >= MAX_BODY_BYTES) {
              finish();
              controller.abort(new Error('body read up to its limit'));
            }
          },
          onResponseEnd: finish,
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });
  } finally {
    if (onAbort) request.signal.removeEventListener('abort', onAbort);
    client.destroy().catch(() => undefined);
  }
}

function decode(chunks: Buffer[], size: number): string {
  const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return all.toString('utf8', 0, Math.min(size, MAX_BODY_BYTES));
}

function headerMap(headers: Record<string, string | string[] | undefined>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) map.set(name, Array.isArray(value) ? value : [value]);
  }
  return map;
}
