import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const LISTEN = /^(?:\[([0-9a-fA-F:]+)\]|([\w.-]+)):(\d{1,5})$/;

/** "127.0.0.1:9464", "[::1]:9464", "localhost:0" as host and port; throws on anything else. */
export function parseListen(listen: string): { host: string; port: number } {
  const match = LISTEN.exec(listen);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) throw new Error(`metrics: "${listen}" is not host:port (e.g. 127.0.0.1:9464)`);
  return { host: match[1] ?? match[2]!, port };
}

/**
 * An HTTP server answering GET (and HEAD) /metrics with `render()`'s text, 404 on other paths
 * and 405 on other methods. A failing render is a 500 for that scrape only.
 */
export async function serveMetrics(listen: string, render: () => Promise<string>): Promise<{ port: number; close(): Promise<void> }> {
  const { host, port } = parseListen(listen);
  const server = createServer((request, response) => void answer(request, response, render));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`metrics: cannot listen on ${listen}: ${explain(error)}`, { cause: error })));
    server.listen({ host, port }, resolve);
  });
  server.on('error', () => {});
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, render: () => Promise<string>): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/metrics') return send(response, 404, 'not found: metrics are at /metrics\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, `method ${request.method} not allowed: use GET\n`);
  }
  let body: string;
  try {
    body = await render();
  } catch (error) {
    return send(response, 500, `metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  response.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

function explain(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return 'the address is already in use';
    case 'EADDRNOTAVAIL':
      return 'no network interface of this machine has that address';
    case 'EACCES':
      return 'permission denied (ports below 1024 need privileges)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    default:
      return error.message;
  }
}
