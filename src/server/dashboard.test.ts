import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../plan/schema.js';
import { batch, DAY, down, event, HOUR, MINUTE, sample } from '../store/fixtures.js';
import { openStore } from '../store/open.js';
import type { Store } from '../monitor/store.js';
import type { Sample } from '../monitor/model.js';
import type { Principal, Role } from './auth/session.js';
import { SCRIPTED_PAGE_CSP } from './headers.js';
import { startStatusServer, type RunningStatusServer } from './server.js';
import { launchChromium } from '../testing/chromium.js';

const NOW = Date.UTC(2026, 11, 7, 12, 30);
const CSRF = 'c5rf-t0ken-of-the-session';
const dir = mkdtempSync(join(tmpdir(), 'harden-dashboard-'));
let store: Store;
let server: RunningStatusServer;
let failingId: number;
const INCIDENT = `api@${NOW - 2 * HOUR}`;

const plan = planSchema.parse({
  project: 'Acme',
  monitors: [
    { name: 'api', http: { url: 'https://api.acme.test/health' }, alert: ['ops'] },
    { name: 'web', http: { url: 'https://www.acme.test/' } },
  ],
  alerts: { ops: { webhook: { url: 'https://hooks.acme.test/harden' } } },
  slo: [{ monitor: 'web', objective: '99.9%', window: '7d' }],
});

/** Tests sign in by header: x-test-role for a session, a bearer token for a token (even one claiming the operator role: tokens only read). */
async function authenticate(request: import('node:http').IncomingMessage): Promise<Principal | undefined> {
  if (request.headers.authorization === 'Bearer op-token') return { user: 'deploy-bot', role: 'operator', via: 'token', csrf: '' };
  const role = request.headers['x-test-role'];
  return typeof role === 'string' ? { user: role === 'viewer' ? 'vera' : 'otto', role: role as Role, via: 'session', csrf: CSRF } : undefined;
}

const as = (role: Role | undefined, more: Record<string, string> = {}) => ({ ...(role ? { 'x-test-role': role } : {}), ...more });
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers, redirect: 'manual' });
  return { response, body: await response.text() };
}
async function post(path: string, body: string, headers: Record<string, string>, type = 'application/x-www-form-urlencoded') {
  const response = await fetch(server.url + path, { method: 'POST', body, headers: { 'content-type': type, ...headers }, redirect: 'manual' });
  return { response, body: await response.text() };
}

beforeAll(async () => {
  store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  const samples: Sample[] = [];
  for (let at = NOW - 3 * DAY; at < NOW; at += 10 * MINUTE) {
    samples.push(at >= NOW - 2 * HOUR - 10 * MINUTE ? down('api', at, 'status == 200: got 503') : sample('api', at, 100 + (at % 50)));
    samples.push(sample('web', at, at === NOW - DAY ? 900 : 40));
  }
  await store.commit(batch({ samples }));
  const first = samples.find((s) => !s.ok)!;
  await store.commit(
    batch({
      opened: [{ key: INCIDENT, monitor: 'api', openedAt: NOW - 2 * HOUR, closedAt: null, reason: first.reason!, firstFailure: first }],
      states: [
        { monitor: 'api', consecutiveFailures: 12, consecutiveSuccesses: 0, firstFailure: first, openIncident: INCIDENT, lastSampleAt: NOW - MINUTE, lastOk: false },
        { monitor: 'web', consecutiveFailures: 0, consecutiveSuccesses: 9, firstFailure: null, openIncident: null, lastSampleAt: NOW - MINUTE, lastOk: true },
      ],
      alerts: [{ channel: 'ops', event: event('opened', 'api', NOW - 2 * HOUR) }, { channel: 'ops', event: event('other', 'web', NOW - HOUR) }],
    }),
  );
  const [failing] = await store.dueAlerts(NOW, 10);
  failingId = failing!.id;
  await store.markFailed(failingId, 'POST https://hooks.acme.test/harden: HTTP 502', NOW + HOUR, NOW - 90 * MINUTE);
  await store.compact(NOW, { raw: 7 * DAY, minute: 7 * DAY, hour: 35 * DAY, day: 730 * DAY });
  const item = (id: string, verdict: string, claimed = 'done') => ({ id, title: `Item ${id}`, stage: 'now', claimed, verdict });
  await store.recordVerifyRun({ at: NOW - 2 * DAY, items: [item('SEC-1', 'verified'), item('SEC-2', 'verified'), item('OPS-1', 'stale-doc', 'open')], counts: { verified: 2, 'stale-doc': 1 } });
  await store.recordVerifyRun({ at: NOW - DAY, items: [item('SEC-1', 'verified'), item('SEC-2', 'regression'), item('OPS-1', 'stale-doc', 'open')], counts: { verified: 1, regression: 1, 'stale-doc': 1 } });
  server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, now: () => NOW, refreshMs: 0, authenticate });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard: who may see and change what', () => {
  it('sends a visitor without a session to /login, and an API call without credentials a 401', async () => {
    const page = await get('/dashboard/outbox');
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get('location')).toBe('/login?next=%2Fdashboard%2Foutbox');
    const api = await get('/api/v1/dashboard/monitors');
    expect(api.response.status).toBe(401);
    expect(api.response.headers.get('www-authenticate')).toBe('Bearer realm="harden"');
    expect((await post(`/api/v1/incidents/${encodeURIComponent(INCIDENT)}/updates`, '{"phase":"identified","message":"x"}', {}, 'application/json')).response.status).toBe(401);
    expect((await store.incidentUpdates()).length).toBe(0);
  });

  it('lets a viewer read but not post, and shows a viewer no Retry button', async () => {
    const outbox = await get('/dashboard/outbox', as('viewer'));
    expect(outbox.response.status).toBe(200);
    expect(outbox.body).not.toContain('/retry"');
    // Only the sign-out form, which every session has.
    expect(outbox.body.match(/<form /g)).toEqual(['<form ']);
    expect(outbox.body).toContain(`<form method="post" action="/logout" class="sign-out"><input type="hidden" name="csrf" value="${CSRF}">`);
    const refused = await post(`/dashboard/outbox/${failingId}/retry`, `csrf=${CSRF}`, as('viewer'));
    expect(refused.response.status).toBe(403);
    expect((await get('/api/v1/dashboard/outbox', as('viewer'))).response.status).toBe(200);
  });

  it('refuses an operator\'s post without the session\'s CSRF token, with a wrong one, or from another origin', async () => {
    for (const [body, headers] of [
      ['', as('operator')],
      ['csrf=guess', as('operator')],
      [`csrf=${CSRF}`, as('operator', { origin: 'https://evil.example' })],
      [`csrf=${CSRF}`, as('operator', { 'sec-fetch-site': 'cross-site' })],
    ] as const) {
      const { response } = await post(`/dashboard/outbox/${failingId}/retry`, body, headers);
      expect(response.status).toBe(403);
    }
    expect((await store.dueAlerts(NOW, 10)).map((entry) => entry.id)).not.toContain(failingId);
  });
});

describe('the dashboard pages', () => {
  it('shows monitors with state in words, uptime and p50/p95/p99 in a table, a chart per monitor from served files, under its own CSP', async () => {
    const { response, body } = await get('/dashboard', as('viewer'));
    expect(response.headers.get('content-security-policy')).toBe(SCRIPTED_PAGE_CSP);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(body).toContain('<th scope="col">p95</th>');
    expect(body).toMatch(/<th scope="row"><a href="#chart-api">api<\/a><\/th><td><span class="state state-down"><span aria-hidden="true">✕<\/span> Down<\/span><\/td>/);
    expect(body).toContain('<figure class="chart" id="chart-web" data-series="/api/v1/dashboard/monitors/web/series"');
    expect(body).toContain('<script src="/assets/uplot.iife.min.js" defer></script>');
    expect(body).toMatch(/<th scope="row">web<\/th><td>99\.9% over 7 days 0 h<\/td><td>100%<\/td><td>100%<\/td>/);
    expect(body).toContain('No trigger is firing.');
    expect(body).not.toMatch(/<script>|<script [^>]*>[^<]|style="/);
    const uplot = await get('/assets/uplot.iife.min.js');
    expect(uplot.response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(uplot.body).toContain('uPlot');
    expect((await get('/assets/dashboard.js')).body).toContain('new uPlot(');
    // The monitors, SLOs and triggers refresh in place (tested in a browser by test/serve-browser.test.ts); the charts do not.
    expect(body).toContain('<script src="/assets/live.js" defer></script>');
    expect(body).toMatch(/<main id="main" tabindex="-1" data-refresh="\d+">/);
    expect(body.match(/ data-live>/g)).toHaveLength(3);
    expect((await get('/assets/live.js')).body).toContain('[data-live]');
    expect((await get('/assets/uplot.min.css')).body).toContain('.uplot');
  });

  it('serves the monitors and each chart\'s series as JSON to a viewer and to a token', async () => {
    const monitors = JSON.parse((await get('/api/v1/dashboard/monitors', { authorization: 'Bearer op-token' })).body);
    const web = monitors.monitors.find((m: { name: string }) => m.name === 'web');
    expect(web).toMatchObject({ state: 'up', p50: expect.any(Number), p99: expect.any(Number) });
    expect(web.p50).toBeCloseTo(40, 0);
    expect(monitors).toMatchObject({ page: 1, pages: 1 });
    expect((await get('/api/v1/dashboard/monitors?page=2', as('viewer'))).response.status).toBe(404);
    expect((await get('/dashboard?page=2', as('viewer'))).response.status).toBe(404);
    const series = JSON.parse((await get('/api/v1/dashboard/monitors/api/series', as('viewer'))).body);
    expect(series.times.length).toBeGreaterThan(70);
    expect(series.uptime.at(-1)).toBe(0);
    expect(series.times[1] - series.times[0]).toBe(3600);
    expect((await get('/api/v1/dashboard/monitors/nope/series', as('viewer'))).response.status).toBe(404);
  });

  it('lists pending and failing alerts with their last error, and Retry makes the entry due now', async () => {
    const page = await get('/dashboard/outbox', as('operator'));
    expect(page.body).toContain('POST https://hooks.acme.test/harden: HTTP 502');
    expect(page.body).toContain('<span class="state state-down"><span aria-hidden="true">✕</span> Failing</span>');
    expect(page.body).toContain(`<form method="post" action="/dashboard/outbox/${failingId}/retry"><input type="hidden" name="csrf" value="${CSRF}">`);
    const retried = await post(`/dashboard/outbox/${failingId}/retry`, `csrf=${CSRF}`, as('operator', { origin: server.url }));
    expect(retried.response.status).toBe(303);
    expect(retried.response.headers.get('location')).toBe('/dashboard/outbox?notice=retried');
    expect((await store.dueAlerts(NOW, 10)).map((entry) => entry.id)).toContain(failingId);
    expect((await get('/dashboard/outbox?notice=retried', as('operator'))).body).toContain('<p class="notice" role="status">The alert is due now');
    const json = await post(`/api/v1/dashboard/outbox/${failingId}/retry`, '{}', as('operator', { 'x-csrf-token': CSRF }), 'application/json');
    expect(JSON.parse(json.body)).toEqual({ id: failingId, due: new Date(NOW).toISOString() });
    expect((await post(`/api/v1/dashboard/outbox/${failingId}/retry`, '{}', as('operator'), 'application/json')).response.status).toBe(403);
  });

  it('shows the plan register by stage, "1 of 3 fixed", and when the regression appeared', async () => {
    const { body } = await get('/dashboard/plan', as('viewer'));
    expect(body).toContain('<strong>1 of 3 fixed</strong>');
    expect(body).toMatch(/<tr><th scope="row">SEC-2<\/th><td>Item SEC-2<\/td><td><time datetime="2026-12-06T12:30:00.000Z">/);
    expect(body).toContain('<h3 id="stage-now">Stage now</h3>');
    expect(body).toContain('data-progress="/api/v1/dashboard/verify-runs"');
    const history = JSON.parse((await get('/api/v1/dashboard/verify-runs', as('viewer'))).body);
    expect(history.runs.map((run: { fixed: number; total: number; regressions: number }) => [run.fixed, run.total, run.regressions])).toEqual([[2, 3, 0], [1, 3, 1]]);
    expect(history.regressions).toEqual([expect.objectContaining({ id: 'SEC-2', since: '2026-12-06T12:30:00.000Z' })]);
  });
});

describe('incident write-ups', () => {
  it('an operator posts from the form or the API; the update is on the public timeline and queued for the monitor\'s channels', async () => {
    const page = await get('/dashboard/incidents', as('operator'));
    expect(page.body).toContain('<label for="i-api_');
    expect(page.body).toContain(`action="/dashboard/incidents/${encodeURIComponent(INCIDENT)}/updates"`);
    const form = await post(`/dashboard/incidents/${encodeURIComponent(INCIDENT)}/updates`, new URLSearchParams({ csrf: CSRF, phase: 'identified', message: 'A bad deploy <b>broke</b> the health check.' }).toString(), as('operator'));
    expect(form.response.headers.get('location')).toBe('/dashboard/incidents?notice=posted');
    const byToken = await post(`/api/v1/incidents/${encodeURIComponent(INCIDENT)}/updates`, JSON.stringify({ phase: 'monitoring', message: 'x' }), { authorization: 'Bearer op-token' }, 'application/json');
    expect([byToken.response.status, JSON.parse(byToken.body).error]).toEqual([403, expect.stringMatching(/^API tokens are read-only/)]);
    const session = as('operator', { 'x-csrf-token': CSRF });
    const api = await post(`/api/v1/incidents/${encodeURIComponent(INCIDENT)}/updates`, JSON.stringify({ phase: 'monitoring', message: 'Rolled back; watching.' }), session, 'application/json');
    expect(api.response.status).toBe(201);
    expect(JSON.parse(api.body)).toMatchObject({ phase: 'monitoring', author: 'otto' });
    expect((await post(`/api/v1/incidents/${encodeURIComponent(INCIDENT)}/updates`, JSON.stringify({ phase: 'fixed', message: 'x' }), session, 'application/json')).response.status).toBe(400);
    expect((await post('/api/v1/incidents/nope%401/updates', JSON.stringify({ phase: 'identified', message: 'x' }), session, 'application/json')).response.status).toBe(404);

    const status = (await get('/status')).body;
    expect(status).toContain('<strong>Identified</strong>: A bad deploy &lt;b&gt;broke&lt;/b&gt; the health check.</li>');
    expect(status).toContain('<strong>Monitoring</strong>: Rolled back; watching.</li>');
    expect(status).not.toContain('otto');
    const publicIncident = JSON.parse((await get('/api/v1/incidents')).body).incidents[0];
    expect(publicIncident.updates.map((u: { phase: string }) => u.phase)).toEqual(['identified', 'monitoring']);
    const queued = (await store.pendingAlerts(10)).filter((entry) => entry.event.kind === 'incident.update');
    expect(queued.map((entry) => [entry.channel, entry.event.title, entry.event.dedupKey])).toEqual([
      ['ops', 'api incident update: identified', INCIDENT],
      ['ops', 'api incident update: monitoring', INCIDENT],
    ]);
    expect((await get('/dashboard/incidents', as('viewer'))).body).toContain('(otto)');
  });

  it('documents the dashboard\'s API in the OpenAPI document', async () => {
    const openapi = JSON.parse((await get('/api/v1/openapi.json')).body);
    expect(openapi.paths['/api/v1/incidents/{key}/updates'].post.requestBody.content['application/json'].schema.properties.phase.enum).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/dashboard/monitors', '/api/v1/dashboard/outbox/{id}/retry', '/api/v1/dashboard/verify-runs']));
    expect(openapi.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });
});

describe('the dashboard in a browser (Debian\'s chromium, headless)', () => {
  let browser: Browser;
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => browser?.close());

  async function open(path: string) {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-test-role': 'operator' } });
    const page = await context.newPage();
    const violations: string[] = [];
    // A CSP refusal is a console error; a missing file a failed response (the browser's own favicon request aside).
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) violations.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) violations.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(server.url + path);
    return { page, violations, close: () => context.close() };
  }

  async function axe(page: import('playwright-core').Page): Promise<string[]> {
    // Through the debugging protocol: the page's CSP (rightly) refuses an injected script tag.
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
    return found;
  }

  it('draws a uPlot chart per monitor and the progress chart under the strict CSP, with no axe violation', async () => {
    const monitors = await open('/dashboard');
    try {
      await monitors.page.waitForSelector('#chart-api canvas', { timeout: 10_000 });
      expect(await monitors.page.locator('figure.chart canvas').count()).toBe(2);
      expect(await axe(monitors.page)).toEqual([]);
      expect(monitors.violations).toEqual([]);
    } finally {
      await monitors.close();
    }
    const plan = await open('/dashboard/plan');
    try {
      await plan.page.waitForSelector('figure[data-progress] canvas', { timeout: 10_000 });
      expect(await axe(plan.page)).toEqual([]);
      expect(plan.violations).toEqual([]);
    } finally {
      await plan.close();
    }
  });

  it('posts an incident update through the form, with its CSRF token, and the outbox page passes axe', async () => {
    const incidents = await open('/dashboard/incidents');
    try {
      expect(await axe(incidents.page)).toEqual([]);
      await incidents.page.getByLabel('Phase').selectOption('resolved', { timeout: 10_000 });
      await incidents.page.getByLabel('Update for the status page and the alert channels').fill('Fixed by the rollback.');
            await Promise.all([incidents.page.waitForURL(/\/dashboard\/incidents\?notice=posted$/, { timeout: 10_000 }), incidents.page.getByRole('button', { name: 'Post update' }).click({ timeout: 10_000 })]);
      expect(await incidents.page.getByRole('status').textContent()).toContain('Update posted');
      expect(await incidents.page.locator('.timeline').textContent()).toContain('Resolved: Fixed by the rollback.');
    } finally {
      await incidents.close();
    }
    const outbox = await open('/dashboard/outbox');
    try {
      expect(await axe(outbox.page)).toEqual([]);
    } finally {
      await outbox.close();
    }
  });
});
