import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler } from '../../testing/http-server.js';
import { routes, startServer, type RunningServer } from '../../testing/http-server.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { exposedPaths } from './exposed-paths.js';

const ENV = 'APP_ENV=production\nDB_PASSWORD=hunter2-very-secret\nSTRIPE_KEY="sk_live_abcdefghijklmnop"\n';
const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n\turl = https://deploy:ghp_tokentokentoken@github.com/acme/shop.git\n';
const METRICS = '# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total{code="200"} 1027\n';
const DUMP = '-- MySQL dump 10.13\n--\nCREATE TABLE `users` (\n  `id` int NOT NULL\n);\nINSERT INTO `users` VALUES (1,\'alice@example.test\',\'$2b$10$hash\');\n';
const LISTING = '<html><head><title>Index of /uploads/</title></head><body><h1>Index of /uploads/</h1><a href="invoice.pdf">invoice.pdf</a></body></html>';

/** A server that leaks one file of each category, with binary bodies written as bytes. */
function leaky(requests: string[]): Handler {
  const text = routes({
    '/': { headers: { 'content-type': 'text/html' }, body: '<html><body>shop</body></html>' },
    '/.env': { headers: { 'content-type': 'text/plain' }, body: ENV },
    '/.git/config': { body: GIT_CONFIG },
    '/metrics': { headers: { 'content-type': 'text/plain; version=0.0.4' }, body: METRICS },
    '/backup.sql': { body: DUMP },
    '/uploads/': { headers: { 'content-type': 'text/html' }, body: LISTING },
  });
  return (request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/db.sql.gz') {
      response.writeHead(200, { 'content-type': 'application/gzip' }).end(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]));
      return;
    }
    text(request, response);
  };
}

/** A single-page app: every path answers 200 with the same page, echoing the path. */
const spa: Handler = (request, response) => {
  response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><body><div id="app" data-path="${request.url}">Index of products</div></body></html>`);
};

/** A catch-all that answers every path with dotenv-looking text: the signature alone would be fooled. */
const catchAllText: Handler = (request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).end(`STATUS=not-found\nPATH=${request.url}\n`);
};

describe('http/exposed-paths', () => {
  let leak: RunningServer;
  let clean: RunningServer;
  let app: RunningServer;
  let catchAll: RunningServer;
  const leakRequests: string[] = [];

  beforeAll(async () => {
    [leak, clean, app, catchAll] = await Promise.all([
      startServer(leaky(leakRequests)),
      startServer(routes({ '/': { body: 'ok' }, '/metrics': { status: 401, body: 'auth required' } })),
      startServer(spa),
      startServer(catchAllText),
    ]);
  });
  afterAll(async () => {
    await Promise.all([leak.close(), clean.close(), app.close(), catchAll.close()]);
  });

  it('reports each exposed file under its category, with masked evidence', async () => {
    const results = await runLiveCheck(exposedPaths, { targets: { sites: [leak.origin] } });
    const failures = results.filter((r) => r.status === 'fail');
    expect(failures.map((r) => [r.messageId, r.location])).toEqual([
      ['secrets', { kind: 'url', url: `${leak.origin}/.env` }],
      ['source', { kind: 'url', url: `${leak.origin}/.git/config` }],
      ['backups', { kind: 'url', url: `${leak.origin}/backup.sql` }],
      ['backups', { kind: 'url', url: `${leak.origin}/db.sql.gz` }],
      ['debug', { kind: 'url', url: `${leak.origin}/metrics` }],
      ['listing', { kind: 'url', url: `${leak.origin}/uploads/` }],
    ]);
    const byPath = Object.fromEntries(failures.map((r) => [new URL((r.location as { url: string }).url).pathname, r]));
    expect(byPath['/.env']!.message).toBe('/.env serves a dotenv file to anyone: rotate what it contains');
    expect(byPath['/.env']!.evidence).toBe('APP_ENV=prod…\nDB_PASSWORD=hunt…\nSTRIPE_KEY="sk_l…"');
    expect(byPath['/.git/config']!.evidence).toBe('[core]\n[remote "origin"]\nurl = https://deploy:ghp_…@github.com/acme/shop.git');
    expect(byPath['/metrics']!.evidence).toBe('# HELP http_requests_total Requests.');
    expect(byPath['/backup.sql']!.evidence).toBe('-- MySQL dump 10.13\nCREATE TABLE `users`\nINSERT INTO `users`');
    expect(byPath['/backup.sql']!.evidence).not.toContain('alice');
    expect(byPath['/db.sql.gz']!.evidence).toMatch(/^gzip/);
    expect(byPath['/uploads/']!.evidence).toBe('Index of /uploads/');
    for (const failure of failures) {
      expect(failure.evidence).not.toContain('hunter2');
      expect(failure.evidence).not.toContain('ghp_token');
      expect(failure.evidence).not.toContain('sk_live_abcdefghijklmnop');
    }
  });

  it('sends a bounded set of requests, each path once, the never-existing one first', async () => {
    leakRequests.length = 0;
    await runLiveCheck(exposedPaths, { targets: { sites: [leak.origin] } });
    expect(leakRequests[0]).toMatch(/^\/harden-[0-9a-f]{16}-absent$/);
    expect(leakRequests.length).toBeLessThanOrEqual(40);
    expect(new Set(leakRequests).size).toBe(leakRequests.length);
  });

  it('passes a site that answers 404 or 401 to every sensitive path', async () => {
    const results = await runLiveCheck(exposedPaths, { targets: { sites: [clean.origin] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('passes a single-page app that answers 200 with its shell to every path', async () => {
    const results = await runLiveCheck(exposedPaths, { targets: { sites: [app.origin] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('is not fooled by a catch-all whose page happens to have a signature: the never-existing path answers the same', async () => {
    const results = await runLiveCheck(exposedPaths, { targets: { sites: [catchAll.origin] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('turns an unreachable site into one error after a single request', async () => {
    const results = await runLiveCheck(exposedPaths, { targets: { sites: ['http://127.0.0.1:9'] }, timeoutMs: 1000 });
    expect(results.map((r) => r.status)).toEqual(['error']);
  });
});
