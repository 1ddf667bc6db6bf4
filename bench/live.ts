// The full live catalog of one site on loopback: an https site (local CA) with its plain-http
// twin, its TLS endpoint and its domain (a local DNS server), every live check registered now,
// through the real engine. Prints wall time (target ≤ 1.5 s), the HTTP requests the servers saw,
// and wall time over the slowest single request: near 1 when requests ran concurrently within
// the per-host connection bound, near the request count when they ran one after another.
// Each response is delayed BENCH_LATENCY_MS (default 25 ms) to stand in for a real server.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../src/checks/index.js';
import { invocationKey } from '../src/engine/fingerprint.js';
import { DEFAULT_ENGINE_OPTIONS, runChecks } from '../src/engine/run.js';
import { planSchema } from '../src/plan/schema.js';
import type { HttpResponse } from '../src/targets/http/client.js';
import { NO_LIVE_TARGETS, type LiveConfig } from '../src/targets/live/config.js';
import { LiveClients } from '../src/targets/live/targets.js';
import { DEFAULT_GLOBS, Workspace } from '../src/targets/repo/workspace.js';
import { startDnsServer } from '../src/testing/dns-server.js';
import { startServer } from '../src/testing/http-server.js';
import { createLocalCa } from '../src/testing/local-ca.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const LIVE_KINDS = new Set(['site', 'tls-endpoint', 'domain', 'service']);
const DOMAIN = 'bench.test';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'set-cookie': '__Host-session=0123456789abcdef; Path=/; Secure; HttpOnly; SameSite=Lax',
};
const expires = new Date(Date.now() + 180 * 86_400_000).toISOString();

let seen = 0;
function handler(request: IncomingMessage, response: ServerResponse): void {
  seen++;
  const path = new URL(request.url ?? '/', 'https://x').pathname;
  setTimeout(() => {
    if (path === '/') response.writeHead(200, PAGE_HEADERS).end('<!doctype html><title>bench</title><script src="/app.js"></script>');
    else if (path === '/login') response.writeHead(200, { ...PAGE_HEADERS, 'cache-control': 'no-store' }).end('<form></form>');
    else if (path === '/.well-known/security.txt')
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`Contact: mailto:security@${DOMAIN}\nExpires: ${expires}\nPreferred-Languages: en\n`);
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  }, LATENCY_MS);
}

const ca = await createLocalCa();
const https = await startServer(handler, { tls: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }) });
const http = await startServer((request, response) => {
  seen++;
  setTimeout(() => response.writeHead(301, { location: `${https.origin}${request.url ?? '/'}` }).end(), LATENCY_MS);
});
const dns = await startDnsServer({
  [`${DOMAIN} TXT`]: ['v=spf1 -all'],
  [`_dmarc.${DOMAIN} TXT`]: ['v=DMARC1; p=reject; rua=mailto:dmarc@bench.test'],
  [`${DOMAIN} CAA`]: [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }],
  [`${DOMAIN} MX`]: [{ preference: 10, exchange: `mx.${DOMAIN}` }],
  [`${DOMAIN} A`]: ['127.0.0.1'],
});

const checks = CHECKS.filter((check) => LIVE_KINDS.has(check.target));
const targets = planSchema.parse({ targets: { sites: [{ url: `${https.origin}/`, authPaths: ['/login'] }, `${http.origin}/`], domains: [DOMAIN] } }).targets;
const config: LiveConfig = { ...NO_LIVE_TARGETS, sites: targets.sites, domains: targets.domains, dnsServer: dns.address, ca: [ca.cert], timeoutMs: 5000 };
const dir = mkdtempSync(join(tmpdir(), 'harden-bench-live-'));
console.log(`${checks.length} live checks (${[...new Set(checks.map((c) => c.domain))].join(', ')}), 1 site + its http twin, 1 TLS endpoint, 1 domain; ${LATENCY_MS} ms per response; ${config.connectionsPerHost} connections per host`);

const rounds: { wallMs: number; requests: number; slowestMs: number; sumMs: number; results: number; failures: number; errors: number }[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh client per round: no cached responses, no warm connections.
    const live = new LiveClients(config);
    const timings: number[] = [];
    const send = live.http.send.bind(live.http);
    live.http.send = async (...args: Parameters<typeof send>): Promise<HttpResponse> => {
      const response = await send(...args);
      timings.push(response.totalMs);
      return response;
    };
    seen = 0;
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS, live);
    const started = performance.now();
    const results = await runChecks(workspace, checks.map((check) => ({ check, options: check.options.parse({}) as Record<string, unknown>, key: invocationKey(check.id, {}) })), DEFAULT_ENGINE_OPTIONS);
    const wallMs = performance.now() - started;
    await live.close();
    rounds.push({
      wallMs,
      requests: seen,
      slowestMs: Math.max(...timings),
      sumMs: timings.reduce((a, b) => a + b, 0),
      results: results.length,
      failures: results.filter((r) => r.status === 'fail').length,
      errors: results.filter((r) => r.status === 'error').length,
    });
    const r = rounds.at(-1)!;
    if (round === 0) for (const f of results.filter((x) => x.status !== 'pass')) console.log(`  ${f.status} ${f.checkId} ${f.target}: ${f.message}`);
    console.log(`round ${round + 1}: ${(r.wallMs / 1000).toFixed(3)} s, ${r.requests} HTTP requests, slowest ${r.slowestMs.toFixed(0)} ms, wall/slowest ${(r.wallMs / r.slowestMs).toFixed(1)}, requests outstanding on average ${(r.sumMs / r.wallMs).toFixed(1)}; ${r.results} results (${r.failures} fail, ${r.errors} error)`);
  }
  const sorted = [...rounds].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`median: ${(median.wallMs / 1000).toFixed(3)} s wall (target ≤ 1.5 s), ${median.requests} HTTP requests, wall/slowest request ${(median.wallMs / median.slowestMs).toFixed(1)} (1 = all concurrent; a request's time includes its wait for one of the host's connections)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([https.close(), http.close(), dns.close()]);
}
