import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../plan/schema.js';
import { batch, DAY, down, HOUR, MINUTE, sample } from '../store/fixtures.js';
import { openStore } from '../store/open.js';
import type { Store } from '../monitor/store.js';
import type { Sample } from '../monitor/model.js';
import { startStatusServer, type RunningStatusServer } from './server.js';
import { CONTENT_SECURITY_POLICY, SCRIPTED_PAGE_CSP } from './headers.js';

const NOW = Date.UTC(2026, 11, 7, 12, 30);
const dir = mkdtempSync(join(tmpdir(), 'harden-serve-'));
let store: Store;
let server: RunningStatusServer;

const plan = planSchema.parse({
  project: 'Acme',
  monitors: [
    { name: 'api', description: 'Public API', http: { url: 'https://ops:hunter2secret@api.internal.acme.test/health?token=abcdefgh12345678' } },
    { name: 'db', tcp: 'db.internal.acme.test:5432' },
    { name: 'web', http: { url: 'https://www.acme.test/' } },
  ],
  maintenance: [{ monitors: ['web'], cron: '0 3 * * 0', duration: '1h', reason: 'weekly upgrade' }],
  statusPages: [{ slug: 'public', title: 'Acme public services', monitors: ['web', 'api'], showUrls: true }],
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers });
  return { response, body: await response.text() };
}

beforeAll(async () => {
  store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  // 40 days of one sample an hour per monitor; the api was down for three hours 3 days ago.
  const samples: Sample[] = [];
  for (let at = NOW - 40 * DAY; at < NOW; at += HOUR) {
    const outage = at >= NOW - 3 * DAY && at < NOW - 3 * DAY + 3 * HOUR;
    samples.push(outage ? down('api', at, 'connect ECONNREFUSED 10.1.2.3:443') : sample('api', at, 100 + (at % 7)));
    samples.push(sample('web', at, 40));
  }
  samples.push(down('db', NOW - 2 * MINUTE, 'getaddrinfo ENOTFOUND db.internal.acme.test'));
  for (let i = 0; i < samples.length; i += 1000) await store.commit(batch({ samples: samples.slice(i, i + 1000) }));
  const first = samples.find((s) => !s.ok && s.monitor === 'api')!;
  await store.commit(
    batch({
      opened: [{ key: `api@${first.at + HOUR}`, monitor: 'api', openedAt: first.at + HOUR, closedAt: null, reason: first.reason!, firstFailure: first }],
      states: [
        { monitor: 'api', consecutiveFailures: 0, consecutiveSuccesses: 5, firstFailure: null, openIncident: null, lastSampleAt: NOW - MINUTE, lastOk: true },
        { monitor: 'web', consecutiveFailures: 0, consecutiveSuccesses: 9, firstFailure: null, openIncident: null, lastSampleAt: NOW - MINUTE, lastOk: true },
        { monitor: 'db', consecutiveFailures: 3, consecutiveSuccesses: 0, firstFailure: null, openIncident: 'db@1', lastSampleAt: NOW - 2 * MINUTE, lastOk: false },
      ],
    }),
  );
  await store.commit(batch({ closed: [{ key: `api@${first.at + HOUR}`, closedAt: first.at + 3 * HOUR }] }));
  await store.compact(NOW, { raw: 2 * DAY, minute: 2 * DAY, hour: 35 * DAY, day: 730 * DAY });
  server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, now: () => NOW });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('harden serve: the public status page', () => {
  it('shows every monitor with its state in words, 90 daily bars, a sparkline and the incident timeline, and no target or secret', async () => {
    const { response, body } = await get('/status');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body).toContain('<h1>Acme status</h1>');
    expect(body).toMatch(/<h3 id="m-db">db<\/h3><span class="state state-down"><span aria-hidden="true">✕<\/span> Down<\/span>/);
    // Down first: the reader's question.
    expect(body.indexOf('id="m-db"')).toBeLessThan(body.indexOf('id="m-api"'));
    expect(body.match(/<rect class="bar /g)).toHaveLength(3 * 90);
    expect(body).toContain('<title>2026-12-04: outage, 87.5% up</title>');
    expect(body).toMatch(/<svg class="spark"[^>]*aria-label="api, mean response time: 10\d ms to 10\d ms per hour over 24 hours">/);
    expect(body).toContain('First failed check: connect ECONNREFUSED [address]');
    expect(body).toContain('Resolved after 2 h 0 min');
    expect(body).toContain('Scheduled maintenance');
    expect(body).toContain('weekly upgrade');
    for (const secret of ['hunter2', 'abcdefgh', 'internal', '10.1.2.3', 'style="']) expect(body).not.toContain(secret);
    // One script, served by harden, refreshing the page's regions; the policy lets in that and nothing else.
    expect(body.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/live.js" defer>']);
    expect(body).toContain('<main id="main" data-refresh="15">');
    expect(body.match(/<div id="live-(\w+)" data-live>/g)).toEqual(['overall', 'updated', 'maintenance', 'monitors', 'incidents'].map((id) => `<div id="live-${id}" data-live>`));
  });

  it('a named page shows its monitors only, with their targets stripped of credentials and query when it says showUrls', async () => {
    const { body } = await get('/status/public');
    expect(body).toContain('<h1>Acme public services</h1>');
    expect(body).toContain('<code>https://api.internal.acme.test/health</code>');
    expect(body).not.toContain('id="m-db"');
    for (const secret of ['hunter2', 'abcdefgh', 'token']) expect(body).not.toContain(secret);
    const nope = await get('/status/nope');
    expect(nope.response.status).toBe(404);
    expect(nope.body).toContain('<p>There is no status page at <code>/status/nope</code>.</p>');
    expect(nope.body).toContain('<li><a href="/status/public">Acme public services</a></li>');
  });

  it('answers If-None-Match with 304, and caches for a short time with revalidation', async () => {
    const first = await get('/status');
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=15, must-revalidate');
    const again = await get('/status', { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/status', { 'if-none-match': '"other"' })).response.status).toBe(200);
  });

  it('gzips public pages for clients that accept it (its own ETag, Vary), and sends them as they are to the others', async () => {
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet(server.url + path, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const plain = await raw('/status', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const zipped = await raw('/status', { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await raw('/status', { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag! })).status).toBe(304);
    expect((await raw('/status', { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
    // Only what is cached is compressed (once): not errors.
    expect((await raw('/nowhere', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('sends the security headers on every response, and no Server or X-Powered-By', async () => {
    for (const path of ['/status', '/status/public', '/status/nope', '/badge/api/status.svg', '/api/v1/monitors', '/nowhere', '/assets/status.css', '/assets/live.js']) {
      const { response } = await get(path);
      // Scripts from 'self' on the pages that load harden's live script; none anywhere else.
      expect(response.headers.get('content-security-policy'), path).toBe(path === '/status' || path === '/status/public' ? SCRIPTED_PAGE_CSP : CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('server')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull(); // plain HTTP: HSTS means nothing there
    }
    expect((await fetch(`${server.url}/status`, { method: 'POST' })).status).toBe(405);
  });
});

describe('harden serve: badges', () => {
  it('draws status, uptime and response badges with text widths that fit', async () => {
    const status = await get('/badge/db/status.svg');
    expect(status.response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(status.response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(status.body).toContain('aria-label="db: down"');
    expect(status.body).toContain('fill="#e05d44"');
    const uptime = (await get('/badge/api/uptime-7d.svg')).body;
    expect(uptime).toMatch(/aria-label="uptime 7d: 98\.0%"/);
    expect(uptime).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="(\d+)" height="20"/);
    expect(Number(/width="(\d+)"/.exec(uptime)![1])).toBeGreaterThan(100);
    expect((await get('/badge/web/uptime-24h.svg')).body).toContain('aria-label="uptime 24h: 100%"');
    expect((await get('/badge/web/response.svg')).body).toContain('aria-label="response: 40 ms"');
    const missing = await get('/badge/nope/status.svg');
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(missing.body).toContain('aria-label="harden: no such monitor"');
    expect(missing.body).not.toContain('nope');
  });
});

describe('harden serve: the read-only JSON API', () => {
  it('lists monitors, incidents, daily bars and pages, as its OpenAPI document describes', async () => {
    const monitors = JSON.parse((await get('/api/v1/monitors')).body);
    expect(monitors.monitors.map((m: { name: string; state: string }) => [m.name, m.state])).toEqual([['api', 'up'], ['db', 'down'], ['web', 'up']]);
    expect(monitors.monitors[0]).not.toHaveProperty('target');
    const days = JSON.parse((await get('/api/v1/monitors/api/days')).body);
    expect(days.days).toHaveLength(90);
    expect(days.days.at(-4)).toEqual({ date: '2026-12-04', uptime: 87.5, total: 24, failed: 3, maintenance: 0 });
    const incidents = JSON.parse((await get('/api/v1/incidents')).body);
    expect(incidents.incidents).toEqual([expect.objectContaining({ monitor: 'api', state: 'resolved', reason: 'connect ECONNREFUSED [address]' })]);
    const page = JSON.parse((await get('/api/v1/status-pages/public')).body);
    expect(page.monitors.map((m: { target: string }) => m.target)).toEqual(['https://www.acme.test/', 'https://api.internal.acme.test/health']);
    expect((await get('/api/v1/monitors/nope')).response.status).toBe(404);
    const openapi = JSON.parse((await get('/api/v1/openapi.json')).body);
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/monitors/{name}/days');
    expect(openapi.components.schemas.Monitor.properties.state.enum).toEqual(['up', 'down', 'maintenance', 'stale', 'unknown']);
    expect(JSON.stringify(openapi)).not.toContain('"$ref":"Monitor"');
  });
});

describe('harden serve: many monitors and maintenance', () => {
  it('pages /status and named pages by 100 monitors, and shows a monitor in a maintenance window as such, in words and on its badge', async () => {
    const many = planSchema.parse({
      monitors: [{ name: 'web', http: { url: 'https://www.acme.test/' } }, ...Array.from({ length: 149 }, (_, i) => ({ name: `m${String(i).padStart(3, '0')}`, tcp: `10.0.0.${i}:443` }))],
      maintenance: [{ monitors: ['web'], start: new Date(NOW - HOUR).toISOString(), end: new Date(NOW + HOUR).toISOString(), reason: 'database upgrade' }],
      statusPages: [{ slug: 'fleet', title: 'Fleet', monitors: Array.from({ length: 120 }, (_, i) => `m${String(i).padStart(3, '0')}`) }],
    });
    const other = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => many, now: () => NOW });
    try {
      const first = await (await fetch(`${other.url}/status`)).text();
      expect(first).toContain('<span>Page 1 of 2</span> <a href="/status?page=2">Next</a>');
      expect(first.match(/<li class="monitor"/g)).toHaveLength(100);
      // In maintenance, ahead of the monitors without data.
      expect(first).toMatch(/<h3 id="m-web">web<\/h3><span class="state state-maintenance"><span aria-hidden="true">⚙<\/span> Maintenance<\/span>/);
      expect(first).toContain('(under way): web — database upgrade');
      const second = await (await fetch(`${other.url}/status?page=2`)).text();
      expect(second.match(/<li class="monitor"/g)).toHaveLength(50);
      expect(second).toContain('<a href="/status">Previous</a>');
      expect((await fetch(`${other.url}/status?page=3`)).status).toBe(404);
      // A named page is paged the same way, in the order it lists its monitors.
      const fleet = await (await fetch(`${other.url}/status/fleet?page=2`)).text();
      expect(fleet.match(/<li class="monitor"/g)).toHaveLength(20);
      expect(fleet).toContain('<a href="/status/fleet">Previous</a> <span>Page 2 of 2</span>');
      expect(fleet.indexOf('id="m-m100"')).toBeLessThan(fleet.indexOf('id="m-m119"'));
      expect((await fetch(`${other.url}/status/fleet?page=3`)).status).toBe(404);
      // A trailing slash leads to the page.
      const slash = await fetch(`${other.url}/status/fleet/`, { redirect: 'manual' });
      expect([slash.status, slash.headers.get('location')]).toEqual([308, '/status/fleet']);
      expect((await fetch(`${other.url}/status/`, { redirect: 'manual' })).headers.get('location')).toBe('/status');
      expect((await fetch(`${other.url}/status/fleet/?page=2`, { redirect: 'manual' })).headers.get('location')).toBe('/status/fleet?page=2');
      expect(await (await fetch(`${other.url}/badge/web/status.svg`)).text()).toContain('aria-label="web: maintenance"');
      const head = await fetch(`${other.url}/status?utm=x`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe((await fetch(`${other.url}/status`)).headers.get('etag'));
    } finally {
      await other.close();
    }
  });
});

describe('harden serve: refreshing the snapshot', () => {
  it('serves the old snapshot while the next one is built, and the next one once built', async () => {
    let clock = NOW;
    const one = planSchema.parse({ monitors: [{ name: 'later', tcp: 'later.acme.test:443' }] });
    const other = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => one, now: () => clock, refreshMs: 10_000 });
    const badge = async () => (await (await fetch(`${other.url}/badge/later/status.svg`)).text()).match(/aria-label="later: (\w+)"/)?.[1];
    try {
      expect(await badge()).toBe('unknown');
      await store.commit(batch({ states: [{ monitor: 'later', consecutiveFailures: 0, consecutiveSuccesses: 1, firstFailure: null, openIncident: null, lastSampleAt: NOW, lastOk: true }] }));
      clock += 20_000;
      expect(await badge()).toBe('unknown');
      let seen: string | undefined;
      for (let i = 0; i < 50 && seen !== 'up'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen = await badge();
      }
      expect(seen).toBe('up');
    } finally {
      await other.close();
    }
  });
});

describe('harden serve: a monitor no daemon checks any more', () => {
  it('is shown as not checked recently, with its last check, on the page, its badge and the API', async () => {
    const quiet = planSchema.parse({ project: 'Quiet', monitors: [{ name: 'stopped', tcp: 'stopped.acme.test:443', every: '1m' }] });
    await store.commit(batch({ states: [{ monitor: 'stopped', consecutiveFailures: 0, consecutiveSuccesses: 1, firstFailure: null, openIncident: null, lastSampleAt: NOW, lastOk: true }] }));
    // Three intervals and a minute after its last check: its last state is no longer shown as now.
    const other = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => quiet, now: () => NOW + 4 * MINUTE + 1 });
    try {
      const page = await (await fetch(`${other.url}/status`)).text();
      expect(page).toMatch(/<h3 id="m-stopped">stopped<\/h3><span class="state state-stale"><span aria-hidden="true">\?<\/span> Not checked recently<\/span><\/div>\n<p class="updated">Last checked <time datetime="[^"]+">/);
      expect(page).toContain('Monitoring has stopped: no recent checks');
      expect(await (await fetch(`${other.url}/badge/stopped/status.svg`)).text()).toContain('aria-label="stopped: not checked"');
      expect(await (await fetch(`${other.url}/api/v1/monitors/stopped`)).json()).toMatchObject({ name: 'stopped', state: 'stale', lastSampleAt: new Date(NOW).toISOString() });
    } finally {
      await other.close();
    }
  });
});

describe('harden serve: monitors kept off the public pages', () => {
  it('shows a monitor with public: false only on a named page that lists it: not on /status, the public API, its incidents or a badge', async () => {
    const fillers = Array.from({ length: 100 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    const kept = planSchema.parse({
      monitors: [{ name: 'shop', tcp: 'shop.acme.test:443' }, { name: 'pg-primary', tcp: 'pg.internal.acme.test:5432', public: false }, ...fillers.map((name) => ({ name, tcp: `${name}.acme.test:443` }))],
      maintenance: [{ monitors: ['shop', 'pg-primary'], start: new Date(NOW + HOUR).toISOString(), end: new Date(NOW + 2 * HOUR).toISOString(), reason: 'failover drill' }],
      // The down monitor last: on page 2 of its page, the page's overall line and incidents still say so on page 1.
      statusPages: [{ slug: 'ops', title: 'Ops', monitors: [...fillers, 'pg-primary'] }],
    });
    const failure = down('pg-primary', NOW - 5 * MINUTE, 'connect ECONNREFUSED');
    await store.commit(batch({ samples: [failure], states: [{ monitor: 'pg-primary', consecutiveFailures: 2, consecutiveSuccesses: 0, firstFailure: failure, openIncident: `pg-primary@${NOW - 4 * MINUTE}`, lastSampleAt: NOW - MINUTE, lastOk: false }], opened: [{ key: `pg-primary@${NOW - 4 * MINUTE}`, monitor: 'pg-primary', openedAt: NOW - 4 * MINUTE, closedAt: null, reason: 'connect ECONNREFUSED', firstFailure: failure }] }));
    const other = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => kept, now: () => NOW });
    const read = async (path: string) => {
      const response = await fetch(other.url + path);
      return { status: response.status, body: await response.text() };
    };
    try {
      const [first, second] = [await read('/status'), await read('/status?page=2')];
      expect(second.body).toContain('id="m-shop"');
      for (const page of [first, second]) {
        expect(page.body).toContain(': shop — failover drill</li>');
        expect(page.body).not.toContain('pg-primary');
      }
      expect(JSON.parse((await read('/api/v1/monitors')).body).monitors.map((m: { name: string }) => m.name)).toEqual(['shop', ...fillers]);
      expect(JSON.parse((await read('/api/v1/incidents')).body).incidents).toEqual([]);
      expect((await read('/api/v1/monitors/pg-primary')).status).toBe(404);
      expect((await read('/api/v1/monitors/pg-primary/days')).status).toBe(404);
      expect(await read('/badge/pg-primary/status.svg')).toMatchObject({ status: 404, body: expect.stringContaining('no such monitor') });
      const ops = await read('/status/ops');
      expect(ops.body).not.toContain('id="m-pg-primary"');
      expect(ops.body).toContain('1 of 101 services down');
      expect(ops.body).toContain('pg-primary: <span class="state state-down">');
      expect(ops.body).toContain(': pg-primary — failover drill</li>');
      expect((await read('/status/ops?page=2')).body).toContain('id="m-pg-primary"');
      expect(JSON.parse((await read('/api/v1/status-pages/ops')).body).monitors.map((m: { name: string }) => m.name)).toContain('pg-primary');
      expect(JSON.parse((await read('/api/v1/status-pages/ops')).body).maintenance).toEqual([expect.objectContaining({ monitors: ['pg-primary'], reason: 'failover drill' })]);
    } finally {
      await other.close();
      await store.commit(batch({ closed: [{ key: `pg-primary@${NOW - 4 * MINUTE}`, closedAt: NOW - 3 * MINUTE }] }));
    }
  });
});

describe('harden serve: the first snapshot', () => {
  it('is built at start-up with warm, before any request, and 20 readers arriving at once share it', async () => {
    let reads = 0;
    const counting = new Proxy(store, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (key === 'states') reads += 1;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const warm = await startStatusServer({ listen: '127.0.0.1:0', store: counting, plan: () => plan, now: () => NOW, warm: true });
    try {
      for (let i = 0; i < 100 && reads === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(reads).toBe(1);
      const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${warm.url}/status${i % 2 ? '' : '/public'}`)));
      expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
      expect(new Set(replies.map((reply) => reply.headers.get('etag'))).size).toBe(2);
      expect(reads).toBe(1);
    } finally {
      await warm.close();
    }
  });
});
