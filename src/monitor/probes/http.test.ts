import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../testing/http-server.js';
import { freePort } from '../../testing/services.js';
import { httpProbe } from './http.js';
import { prepareMonitor, runProbe } from '../probe-runner.js';
import { eventually, monitor, probeOnce, testEnv } from '../../testing/probes.js';

/** A target the tests break on command. */
let mode: 'up' | 'error' | 'slow' = 'up';
let server: RunningServer;
/** A second origin, for redirects that leave the first. */
let other: RunningServer;
const openSockets = new Set<Socket>();
/** Where /redirect points. */
let redirectTo = '/';
const requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  // Connections the server holds: a timed-out or aborted probe must leave none behind.
  if (!openSockets.has(request.socket)) {
    openSockets.add(request.socket);
    request.socket.once('close', () => openSockets.delete(request.socket));
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? '', path, headers: request.headers, body });
    if (mode === 'slow') return; // never answers
    if (mode === 'error') return void response.writeHead(500).end('internal error');
    if (path === '/health') return void response.writeHead(200, { 'content-type': 'application/json', 'x-version': '2.1' }).end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', ms: 3 }] }));
    if (path === '/degraded') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'degraded' }));
    if (path === '/moved') return void response.writeHead(301, { location: '/health' }).end();
    if (path === '/see-other') return void response.writeHead(303, { location: '/echo' }).end();
    if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (path === '/xy') return void response.writeHead(200).end(randomXY(1 << 20));
    if (path === '/big') return void response.writeHead(200).end('x'.repeat(3 * 1024 * 1024));
    if (path === '/stall') return void response.writeHead(200, { 'content-length': '100' }).write('partial');
    if (path === '/redirect') return void response.writeHead(302, { location: redirectTo }).end();
    if (path === '/elsewhere') return void response.writeHead(302, { location: `${other.origin}/headers` }).end();
    if (path.split('?')[0] === '/private') {
      const expected = `Basic ${Buffer.from('monitor:s3cr@t:x').toString('base64')}`;
      if (request.headers.authorization === expected) return void response.writeHead(200).end('private');
      return void response.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
    }
    if (path === '/keyed') {
      const ok = request.headers['x-api-key'] === 'key-from-env' && request.headers['x-file-token'] === 'token-from-file' && request.headers.accept === 'text/plain';
      return void response.writeHead(ok ? 200 : 403).end();
    }
    if (path === '/echo') return void response.writeHead(200).end(`${request.method} ${body}`);
    response.writeHead(404).end('not found');
  });
}

beforeAll(async () => {
  server = await startServer(handle);
  other = await startServer((request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.headers)));
});
afterAll(() => Promise.all([server.close(), other.close()]));

const url = (path: string) => `${server.origin}${path}`;

describe('http probe', () => {
  it('is up on a 2xx, with every phase measured', async () => {
    mode = 'up';
    const sample = await probeOnce({ http: url('/health') });
    expect(sample).toMatchObject({ monitor: 'probe-test', ok: true, status: 200 });
    expect(sample.reason).toBeUndefined();
    expect(sample.latencyMs).toBeGreaterThan(0);
    expect(Object.keys(sample.phases ?? {}).sort()).toEqual(['connectMs', 'dnsMs', 'firstByteMs']);
    expect(sample.phases!.firstByteMs).toBeLessThanOrEqual(sample.latencyMs);
  });

  it('is down on a 500, and up again once the target recovers', async () => {
    mode = 'error';
    expect(await probeOnce({ http: url('/health') })).toMatchObject({ ok: false, status: 500, reason: 'status 500' });
    expect(await probeOnce({ http: url('/health'), expect: ['status == 200'] })).toMatchObject({ ok: false, reason: 'status == 200: got 500' });
    mode = 'up';
    expect(await probeOnce({ http: url('/health') })).toMatchObject({ ok: true, status: 200 });
  });

  it('is down when nothing listens', async () => {
    const port = await freePort();
    const sample = await probeOnce({ http: `http://127.0.0.1:${port}/` });
    expect(sample).toMatchObject({ ok: false, reason: 'connection refused' });
    expect(sample.status).toBeUndefined();
  });

  it('gives up at the timeout, really closing the connection', async () => {
    mode = 'slow';
    const before = requests.length;
    const started = performance.now();
    const sample = await probeOnce({ http: url('/health'), timeout: '300ms' });
    const elapsed = performance.now() - started;
    mode = 'up';
    expect(sample).toMatchObject({ ok: false, reason: 'timeout after 300ms' });
    expect(requests.length).toBe(before + 1);
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(1500);
    expect(await eventually(() => openSockets.size === 0, 1000)).toBe(true);
  });

  it('gives up at the timeout when the body stalls', async () => {
    const sample = await probeOnce({ http: url('/stall'), timeout: '300ms' });
    expect(sample).toMatchObject({ ok: false, reason: 'timeout after 300ms' });
    expect(await eventually(() => openSockets.size === 0, 1000)).toBe(true);
  });

  it('sends none of the plan\'s headers to another origin a redirect points at', async () => {
    vi.stubEnv('HARDEN_TEST_PROBE_KEY', 'key-from-env');
    try {
      const http = { url: url('/elsewhere'), headers: { authorization: 'Bearer secret', 'x-trace': 'plan-value', cookie: 'a=b' }, secretHeaders: { 'X-Api-Key': 'env:HARDEN_TEST_PROBE_KEY' }, redirects: 'follow' };
      const conditions = ["body !contains 'plan-value'", "body !contains 'key-from-env'", "body !contains 'Bearer'", "body !contains 'a=b'", "body.user-agent contains 'harden-monitor'"];
      expect(await probeOnce({ http, expect: conditions })).toMatchObject({ ok: true, status: 200 });
      const userinfo = new URL(url('/elsewhere'));
      userinfo.username = 'monitor';
      userinfo.password = 'pw';
      expect(await probeOnce({ http: { url: userinfo.href, redirects: 'follow' }, expect: ["body !contains 'Basic'"] })).toMatchObject({ ok: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('never follows a redirect to a link-local or cloud metadata address', async () => {
    for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/latest/', 'http://[fe80::1]:8080/', 'http://[::ffff:169.254.1.1]/']) {
      redirectTo = target;
      const started = performance.now();
      const sample = await probeOnce({ http: { url: url('/redirect'), redirects: 'follow' } });
      expect(sample.reason).toMatch(/^redirect to a link-local or cloud metadata address \(.+\) refused$/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('evaluates JSON body, header and latency conditions', async () => {
    mode = 'up';
    const ok = await probeOnce({ http: url('/health'), expect: ["body.status == 'ok'", 'body.checks[0].ms < 100', "header.x-version == '2.1'", 'latency < 2s', 'latency.firstByte < 2s'] });
    expect(ok).toMatchObject({ ok: true });
    expect(await probeOnce({ http: url('/degraded'), expect: ['status == 200', "body.status == 'ok'"] })).toMatchObject({ ok: false, status: 200, reason: "body.status == 'ok': got 'degraded'" });
    expect(await probeOnce({ http: url('/health'), expect: ["body contains 'degraded'"] })).toMatchObject({ ok: false, reason: "body contains 'degraded': not found" });
  });

  it('reads at most 1 MB of a body', async () => {
    const observation = await httpProbe.observe(monitor({ http: url('/big') }).http!, { env: testEnv(), signal: new AbortController().signal, timeoutMs: 2000, needs: { body: true } });
    expect(observation.body).toBe('x'.repeat(1024 * 1024));
    expect(await probeOnce({ http: url('/big'), expect: ['body matches /^x+$/'] })).toMatchObject({ ok: true });
  });

  it('bounds a regex match by the probe timeout, without blocking the event loop', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    try {
      const sample = await probeOnce({ http: url('/xy'), timeout: '700ms', expect: ['body matches /(x|y)*x(x|y){300}y$/'] });
      expect(sample).toMatchObject({ ok: false, reason: 'timeout after 700ms' });
    } finally {
      clearInterval(ticker);
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ticks).toBeGreaterThan(2);
  });

  it('measures the first response with redirects off, the last one when following', async () => {
    expect(await probeOnce({ http: url('/moved'), expect: ['status == 301'] })).toMatchObject({ ok: true, status: 301 });
    expect(await probeOnce({ http: { url: url('/moved'), redirects: 'follow' }, expect: ["body.status == 'ok'"] })).toMatchObject({ ok: true, status: 200 });
    expect(await probeOnce({ http: { url: url('/loop'), redirects: 'follow' } })).toMatchObject({ ok: false, reason: 'more than 10 redirects' });
  });

  it('sends the method, headers and body; a 303 turns a POST into a GET', async () => {
    const sample = await probeOnce({ http: { url: url('/echo'), method: 'POST', headers: { 'x-token': 'abc' }, body: 'ping' }, expect: ["body == 'POST ping'"] });
    expect(sample).toMatchObject({ ok: true });
    const last = requests.at(-1)!;
    expect(last.headers['x-token']).toBe('abc');
    expect(last.headers['user-agent']).toMatch(/^harden-monitor/);
    const after = await probeOnce({ http: { url: url('/see-other'), method: 'POST', body: 'ping', redirects: 'follow' }, expect: ["body == 'GET '"] });
    expect(after).toMatchObject({ ok: true });
  });

  it('stops at once when the caller aborts', async () => {
    mode = 'slow';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const sample = await probeOnce({ http: url('/health'), timeout: '5s' }, undefined, controller.signal);
    mode = 'up';
    expect(sample).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await eventually(() => openSockets.size === 0, 1000)).toBe(true);
  });

  it('sends URL credentials as Basic authorization, and masks them in the target', async () => {
    mode = 'up';
    const withCredentials = `http://monitor:s3cr%40t:x@127.0.0.1:${server.port}/private?full=1`;
    expect(await probeOnce({ http: withCredentials })).toMatchObject({ ok: true, status: 200 });
    expect(await probeOnce({ http: `http://monitor:wrong@127.0.0.1:${server.port}/private` })).toMatchObject({ ok: false, status: 401 });
    expect(await probeOnce({ http: url('/private') })).toMatchObject({ ok: false, status: 401 });
    // The monitor's own authorization header wins over the URL's credentials.
    expect(await probeOnce({ http: { url: withCredentials, headers: { Authorization: 'Bearer own' } } })).toMatchObject({ status: 401 });
    expect(requests.at(-1)!.headers.authorization).toBe('Bearer own');
    const { target } = prepareMonitor(monitor({ http: withCredentials }));
    expect(target).toBe(`http://***@127.0.0.1:${server.port}/private?full=1`);
    expect(prepareMonitor(monitor({ http: `http://monitor@127.0.0.1:${server.port}/` })).target).toBe(`http://***@127.0.0.1:${server.port}/`);
  });

  it('sends secretHeaders resolved from env: and file: references when the monitor is prepared', async () => {
    const planDir = mkdtempSync(join(tmpdir(), 'harden-probe-'));
    try {
      writeFileSync(join(planDir, 'token'), 'token-from-file\n');
      vi.stubEnv('HARDEN_TEST_PROBE_KEY', 'key-from-env');
      const fields = { http: { url: url('/keyed'), headers: { Accept: 'text/plain' }, secretHeaders: { 'X-Api-Key': 'env:HARDEN_TEST_PROBE_KEY', 'X-File-Token': 'file:token' } } };
      const prepared = prepareMonitor(monitor(fields), { planDir });
      expect(prepared.target).toBe(url('/keyed'));
      expect(await runProbe(prepared, testEnv())).toMatchObject({ ok: true, status: 200 });
      vi.stubEnv('HARDEN_TEST_PROBE_KEY', undefined);
      expect(() => prepareMonitor(monitor({ ...fields, name: 'api' }), { planDir })).toThrow(
        'monitor api: header X-Api-Key: secret env:HARDEN_TEST_PROBE_KEY is not set (the environment has no HARDEN_TEST_PROBE_KEY)',
      );
      writeFileSync(join(planDir, 'token'), 'line one\nInjected: yes\n');
      vi.stubEnv('HARDEN_TEST_PROBE_KEY', 'key-from-env');
      expect(() => prepareMonitor(monitor({ ...fields, name: 'api' }), { planDir })).toThrow('monitor api: header X-File-Token: the value of file:token holds a line break or another control character');
    } finally {
      vi.unstubAllEnvs();
      rmSync(planDir, { recursive: true, force: true });
    }
  });
});

/** x and y in no pattern RE2's DFA can follow: its NFA then takes seconds over 1 MB. */
function randomXY(length: number): string {
  let seed = 7;
  let text = '';
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    text += seed & 0x10000 ? 'x' : 'y';
  }
  return text;
}
