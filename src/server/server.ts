import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import type { Store } from '../monitor/store.js';
import type { StatusPlan } from '../status/schema.js';
import { breathe, SnapshotBuilder, type StatusSnapshot } from '../status/snapshot.js';
import type { ServerAuth } from './auth/server-auth.js';
import type { Authenticate } from './auth/session.js';
import { dashboardAsset } from './dashboard/assets.js';
import { dashboardRoute, isDashboardPath } from './dashboard/routes.js';
import { securityHeaders } from './headers.js';
import { etagOf, matches, text, type Reply } from './responses.js';
import { statusRoute } from './status-routes.js';

export interface ServeOptions {
  /** host:port; port 0 picks a free one. */
  listen: string;
  store: Store;
  /** The plan as it is now (the daemon may have reloaded it). */
  plan: () => StatusPlan;
  /** PEM certificate chain and key: serve HTTPS (and HSTS); `ocsp` gives the DER OCSP response to staple, when there is one. */
  tls?: { cert: string; key: string; ocsp?: () => Buffer | undefined };
  /** Contact URIs (mailto:, https:) for /.well-known/security.txt (RFC 9116); none: no security.txt. */
  securityContacts?: string[];
  /** How long a snapshot of the store is served before it is rebuilt, and the public max-age. */
  refreshMs?: number;
  /** Build the first snapshot at start-up, not on the first request (harden serve; tests that write after start leave it off). */
  warm?: boolean;
  now?: () => number;
  /** Told each request's server time (from its arrival to its last byte handed to the socket), for benchmarks. */
  onServed?: (path: string, ms: number) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Sign-in (/login, /login/totp, /logout) and authenticate() for the routes that need a user. */
  auth?: ServerAuth;
  /** Who a request comes from, when not the sign-in's own (tests): the dashboard and its API refuse everyone without one. */
  authenticate?: Authenticate;
  /** The store the dashboard's actions write to (retry an alert, post an incident update), when the one read is read-only. */
  writable?: Store;
}

export interface RunningStatusServer {
  url: string;
  close(): Promise<void>;
}

/** A reply ready for the socket: headers built and the body encoded once, however many readers it serves. */
interface Prepared {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string;
  /** The same reply gzipped, for clients that accept it (public replies only: never a page with a CSRF token, see BREACH). */
  gzipped?: Prepared;
}

/** Smaller replies are sent as they are: gzip's framing would eat most of the saving. */
const GZIP_FROM_BYTES = 1024;
const COMPRESSIBLE = /^(?:text\/|application\/json|image\/svg\+xml)/;

/**
 * With a gzipped copy, made in the render's own turn of the event loop (a 100-monitor page, over a megabyte of markup,
 * in ~5 ms). Not on libuv's thread pool: harden serve's server thread shares it with the daemon's DNS lookups.
 */
function withGzip(prepared: Prepared): Prepared {
  if (prepared.status !== 200 || prepared.body.length < GZIP_FROM_BYTES || !COMPRESSIBLE.test(String(prepared.headers['content-type']))) return prepared;
  const headers = { ...prepared.headers, vary: 'accept-encoding' };
  const body = gzipSync(prepared.body, { level: 6 });
  const etag = `${prepared.etag.slice(0, -1)}-gzip"`;
  return { ...prepared, headers, gzipped: { status: prepared.status, headers: { ...headers, 'content-encoding': 'gzip', etag }, body, etag } };
}

/**
 * The HTTP server of `harden serve`, on node:http: a handful of GET routes needs no framework,
 * and leaves every header (security headers, no Server banner) in our hands. Replies are built
 * from a snapshot of the store rebuilt at most every refreshMs, and kept per URL with their
 * ETag until the next snapshot: a reader costs a lookup, not a query. The dashboard's routes
 * (behind authenticate) are answered per request and never cached.
 */
export async function startStatusServer(options: ServeOptions): Promise<RunningStatusServer> {
  const refreshMs = options.refreshMs ?? 15_000;
  const maxAgeSeconds = Math.round(refreshMs / 1000);
  const now = options.now ?? Date.now;
  const builder = new SnapshotBuilder(options.store);
  const https = options.tls !== undefined;
  let current: { snapshot: StatusSnapshot; plan: StatusPlan; maxAge: number; rendered: Map<string, Promise<Prepared>> } | undefined;
  let building: Promise<NonNullable<typeof current>> | undefined;

  /**
   * How long a snapshot serves: refreshMs, or a second while a monitor has no sample yet (just
   * started, beside a daemon about to probe): the pages catch up with the first probes at once.
   */
  const maxAgeOf = (snapshot: StatusSnapshot) => ([...snapshot.monitors.values()].some((monitor) => monitor.state === 'unknown') ? Math.min(refreshMs, 1000) : refreshMs);

  /** The current snapshot; `wait`: one no older than its max age (the dashboard's, answered per request). */
  const fresh = async (wait = false) => {
    const plan = options.plan();
    if (current && current.plan === plan && now() - current.snapshot.at < current.maxAge) return current;
    building ??= builder
      .build(plan, now())
      .then((snapshot) => (current = { snapshot, plan, maxAge: maxAgeOf(snapshot), rendered: new Map() }))
      .finally(() => (building = undefined));
    // A snapshot merely old is served while its successor is built: only the first, or a changed plan, is waited for.
    if (!wait && current && current.plan === plan) {
      building.catch((error: unknown) => options.log?.('error', 'status snapshot failed', { error: error instanceof Error ? error.message : String(error) }));
      return current;
    }
    return building;
  };

  /**
   * Runs public renders one at a time, each in its own turn of the event loop. Readers waiting for a
   * snapshot all resume at once when it is built: rendered back to back, their pages (100 of them at
   * 10,000 monitors) held the loop, and a daemon in the same process, for seconds.
   */
  let renders: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => T): Promise<T> => {
    const result = renders.then(breathe).then(work);
    renders = result.catch(() => undefined);
    return result;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const arrived = performance.now();
    if (options.onServed) response.once('finish', () => options.onServed!(request.url ?? '/', performance.now() - arrived));
    const url = new URL(request.url ?? '/', 'http://status.invalid');
    let prepared: Prepared;
    const authReply = options.auth ? await options.auth.route(request, url) : undefined;
    const authenticate = options.authenticate ?? options.auth?.authenticate;
    if (authReply) prepared = prepare(authReply, false);
    else if (isDashboardPath(url.pathname)) {
      // Per user and never cached: built for this request only.
      prepared = prepare(await dashboardRoute(request, url, { store: options.writable ?? options.store, authenticate, now, liveSeconds: Math.max(1, maxAgeSeconds) }, () => fresh(true)), false);
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      prepared = prepare({ ...text(405, 'only GET and HEAD'), headers: { allow: 'GET, HEAD' } }, false);
    } else {
      const state = await fresh();
      // Only status pages read a parameter: other query strings must not fill the cache with copies.
      // As the route reads it: "01", "1.0" and "1e0" are page 1, one render and one cache entry, not three.
      const page = url.pathname === '/status' || url.pathname.startsWith('/status/') ? url.searchParams.get('page') : null;
      const key = page === null ? url.pathname : `${url.pathname}?page=${Number.isInteger(Number(page)) ? Number(page) : page}`;
      let pending = state.rendered.get(key);
      if (!pending) {
        pending = inTurn(() => {
          const reply =
            (url.pathname === '/.well-known/security.txt' && options.securityContacts?.length ? securityTxt(options.securityContacts, state.snapshot.at) : undefined) ??
            dashboardAsset(url.pathname) ??
            statusRoute(url.pathname, url.searchParams, { plan: state.plan, snapshot: state.snapshot, maxAge: maxAgeSeconds }) ??
            text(404, 'not found');
          return withGzip(prepare(reply, reply.status === 200));
        });
        // Readers of the same URL share one render; only 200s stay cached.
        if (state.rendered.size < 10_000) {
          const shared = pending;
          state.rendered.set(key, shared);
          shared.then(
            ({ status }) => status !== 200 && state.rendered.delete(key),
            () => state.rendered.delete(key),
          );
        }
      }
      prepared = await pending;
    }
    const { status, headers, body, etag } = prepared.gzipped && new Negotiator(request).encoding(['gzip', 'identity']) === 'gzip' ? prepared.gzipped : prepared;
    if (etag && matches(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(status, { ...headers, 'content-length': String(body.length) });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  /** `tagged`: with an ETag (cached public replies). */
  const prepare = (reply: Reply, tagged: boolean): Prepared => {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
    const etag = tagged ? etagOf(body) : '';
    const headers: Record<string, string | string[]> = {
      ...securityHeaders({ https, crossOrigin: reply.crossOrigin === true }),
      'content-type': reply.type,
      'cache-control': reply.maxAge > 0 ? `public, max-age=${reply.maxAge}, must-revalidate` : 'no-store',
      ...(etag ? { etag } : {}),
      ...reply.headers,
    };
    return { status: reply.status, headers, body, etag };
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.('error', 'status request failed', { path: request.url, error: error instanceof Error ? error.message : String(error) });
      if (response.headersSent) return void response.destroy();
      response.writeHead(503, { ...securityHeaders({ https }), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('status unavailable\n');
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  const ocsp = options.tls?.ocsp;
  if (ocsp) server.on('OCSPRequest', (_certificate: Buffer, _issuer: Buffer, done: (error: Error | null, response?: Buffer) => void) => done(null, ocsp()));
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const { host, port } = splitListen(options.listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (options.warm) fresh().catch((error: unknown) => options.log?.('error', 'status snapshot failed', { error: error instanceof Error ? error.message : String(error) }));
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${https ? 'https' : 'http'}://${shownHost}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // The store is closed next: a build still reading it finishes first.
      await building?.catch(() => undefined);
    },
  };
}

/** RFC 9116: contacts and an expiry a little under a year ahead, moving with the days. */
function securityTxt(contacts: readonly string[], at: number): Reply {
  const expires = new Date(Math.floor(at / 86_400_000) * 86_400_000 + 364 * 86_400_000).toISOString();
  return { status: 200, type: 'text/plain; charset=utf-8', body: `${contacts.map((contact) => `Contact: ${contact}`).join('\n')}\nExpires: ${expires}\nPreferred-Languages: en\n`, maxAge: 3600 };
}

export function splitListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([\w.-]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || !(port >= 0 && port <= 65_535)) throw new Error(`expected host:port, got "${listen}"`);
  return { host: match[1] ?? match[2]!, port };
}
