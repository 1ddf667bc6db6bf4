import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RunningServer {
  /** http(s)://127.0.0.1:PORT */
  origin: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  tls?: { key: string; cert: string; minVersion?: SecureVersion; maxVersion?: SecureVersion; ciphers?: string };
}

/** A real HTTP or HTTPS server on 127.0.0.1 and a free port, for live-check tests. */
export async function startServer(handler: Handler, options: ServerOptions = {}): Promise<RunningServer> {
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert, ...pick(options.tls) }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pick(tls: NonNullable<ServerOptions['tls']>) {
  return {
    ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
  };
}

/** Routes by path; unknown paths get a 404 page. */
export function routes(table: Record<string, { status?: number; headers?: Record<string, string | string[]>; body?: string }>): Handler {
  return (request, response) => {
    const route = table[new URL(request.url ?? '/', 'http://x').pathname];
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    response.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
  };
}
