import { lookup as systemLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { trustedWith } from '../tls/trust.js';

/** Response headers by lower-case name; a header sent twice keeps both values in order. */
export type HttpHeaders = ReadonlyMap<string, readonly string[]>;

export interface HttpResponse {
  url: string;
  status: number;
  headers: HttpHeaders;
  /** The body as text, at most MAX_BODY_BYTES. */
  body: string;
  bodyTruncated: boolean;
  /** Milliseconds from sending the request to the response headers, and to the end of the body read. */
  firstByteMs: number;
  totalMs: number;
}

export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'OPTIONS';
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the request before its timeout. */
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** Extra trusted CA certificates (PEM), for private PKI and tests. */
  ca?: string[];
  /** Open connections per origin at most: independent requests share them concurrently. */
  connectionsPerHost: number;
  timeoutMs: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The one HTTP client of the live checks: never follows redirects (checks look at
 * them), bounds connections per origin, and caches plain GET/HEAD responses so every
 * check reading the same URL shares one request.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly cache = new Map<string, Promise<HttpResponse>>();
  /** Host names whose address a check resolved itself (through the plan's DNS server): connections go there. */
  private readonly pinned = new Map<string, string>();

  constructor(private readonly options: HttpClientOptions) {
    this.agent = new Agent({
      connections: options.connectionsPerHost,
      connect: { ...(options.ca?.length ? { ca: trustedWith(options.ca) } : {}), lookup: this.lookup },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /**
   * Connections to `host` go to `address` from now on (the name keeps SNI, the certificate check and
   * Host): for names a check resolved through the run's DNS client, such as mta-sts.<domain>.
   */
  pin(host: string, address: string): void {
    this.pinned.set(host.toLowerCase(), address);
  }

  private readonly lookup = (host: string, options: LookupOneOptions | LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    const address = this.pinned.get(host.toLowerCase());
    if (!address) {
      systemLookup(host, options, callback);
      return;
    }
    const family = isIP(address);
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };

  /** A cached GET (or HEAD) of the URL. */
  get(url: string, init: Omit<HttpRequest, 'body'> = {}): Promise<HttpResponse> {
    const key = `${init.method ?? 'GET'} ${url} ${JSON.stringify(init.headers ?? {})}`;
    let response = this.cache.get(key);
    if (!response) {
      response = this.send(url, init);
      this.cache.set(key, response);
    }
    return response;
  }

  /** An uncached request: for probes that must really send each one. */
  async send(url: string, init: HttpRequest = {}): Promise<HttpResponse> {
    const started = performance.now();
    const response = await request(url, {
      dispatcher: this.agent,
      method: init.method ?? 'GET',
      headers: { 'user-agent': 'harden (+https://harden.dev)', ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(this.options.timeoutMs)]) : AbortSignal.timeout(this.options.timeoutMs),
    });
    const firstByteMs = performance.now() - started;
    const chunks: Buffer[] = [];
    let size = 0;
    let bodyTruncated = false;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > MAX_BODY_BYTES) {
        chunks.push(buffer.subarray(0, MAX_BODY_BYTES - size));
        bodyTruncated = true;
        response.body.destroy();
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return {
      url,
      status: response.statusCode,
      headers: toHeaderMap(response.headers),
      body: Buffer.concat(chunks).toString('utf8'),
      bodyTruncated,
      firstByteMs,
      totalMs: performance.now() - started,
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function toHeaderMap(headers: Record<string, string | string[] | undefined>): HttpHeaders {
  const map = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return map;
}
