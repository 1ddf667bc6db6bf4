import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../src/checks/index.js';
import { MonitorDaemon } from '../src/monitor/daemon.js';
import type { Store } from '../src/monitor/store.js';
import { loadPlan } from '../src/plan/load.js';
import { addUser } from '../src/server/auth/accounts.js';
import { sha256Hex } from '../src/server/auth/secrets.js';
import { ServerAuth } from '../src/server/auth/server-auth.js';
import { startStatusServer, type RunningStatusServer } from '../src/server/server.js';
import { authStoreOf } from '../src/store/auth.js';
import { openStore } from '../src/store/open.js';
import { launchChromium } from '../src/testing/chromium.js';
import { eventually, startSwitchableTarget, type SwitchableTarget } from '../src/testing/monitor-targets.js';

/**
 * `harden serve` as serve-action composes it (the monitor daemon, and the status server with
 * sign-in on the daemon's store), in this process so the test holds the monitored target and
 * a snapshot lives 200 ms instead of 15 s; one chromium drives it as a person would.
 */
const dir = mkdtempSync(join(tmpdir(), 'harden-serve-browser-'));
const PASSWORD = 'correct horse battery staple';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let target: SwitchableTarget;
let store: Store;
let daemon: MonitorDaemon;
let server: RunningStatusServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  // The daemon probes every 300 ms, below the 1 s floor plans are held to.
  process.env.HARDEN_TEST_MIN_INTERVAL = '100ms';
  target = await startSwitchableTarget();
  const file = join(dir, 'harden.yaml');
  writeFileSync(
    file,
    `project: Acme\nmonitors:\n  - name: api\n    http: ${target.origin}/health\n    every: 300ms\n    timeout: 300ms\n    confirm: 2\nstatusPages:\n  - { slug: public, title: Acme public, monitors: [api] }\nmonitoring:\n  metrics: false\n`,
  );
  const loaded = loadPlan(file, { catalog, now: new Date() });
  store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  expect(await addUser(authStoreOf(store), { name: 'ada', role: 'operator', password: PASSWORD, at: Date.now() })).toBeUndefined();
  daemon = new MonitorDaemon(loaded, {
    planFile: file,
    loadPlan: (path) => loadPlan(path, { catalog, now: new Date() }),
    store,
    log: () => undefined,
    flushEveryMs: 50,
  });
  await daemon.start();
  server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => loaded.plan, refreshMs: 200, auth: new ServerAuth({ store: authStoreOf(store) }) });
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  // A CSP refusal is a console error; a missing file a failed response (the browser's own favicon request aside).
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    const expected = response.status() === 401 && response.url().endsWith('/login');
    if (response.status() >= 400 && !expected && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await daemon?.stop();
  await store?.close();
  await target?.close();
  delete process.env.HARDEN_TEST_MIN_INTERVAL;
  rmSync(dir, { recursive: true, force: true });
});

async function axe(): Promise<string[]> {
  // Through the debugging protocol: the page's CSP (rightly) refuses an injected script tag.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run();
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

/** Reloads `path` until its text says `wanted` (the pages' own refresh is tested apart). */
async function until(path: string, wanted: RegExp, timeoutMs = 8000): Promise<string> {
  let seen = '';
  await eventually(async () => {
    await page.goto(server.url + path);
    seen = await page.locator('main').innerText();
    return wanted.test(seen);
  }, timeoutMs, `${path} to show ${wanted}`).catch((error: Error) => {
    throw new Error(`${error.message}; it shows:\n${seen}`);
  });
  return seen;
}

/** Every incident shown is resolved. */
const RESOLVED_ONLY = /^(?![\s\S]*Ongoing)[\s\S]*api:? ✓ Resolved/;

describe('harden serve in a browser', () => {
  // A test that fails half-way leaves the target up for the next one.
  afterEach(() => void (target.mode = 'up'));

  it('signs a user in through the login form: a __Host- cookie, HttpOnly and Secure, and /dashboard', async () => {
    await page.goto(`${server.url}/dashboard`);
    expect(page.url()).toBe(`${server.url}/login?next=%2Fdashboard`);
    expect(await axe()).toEqual([]);
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill('not the password');
    await Promise.all([page.waitForResponse((response) => response.url().endsWith('/login') && response.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await page.getByRole('alert').textContent()).toBe('Wrong user name or password.');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await page.locator('.who').first().textContent()).toBe('Signed in as ada (operator)');
    const session = (await context.cookies()).find((cookie) => cookie.name === '__Host-harden-session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(problems).toEqual([]);
  }, 15_000);

  it('shows an incident live on the dashboard and the public status page, then resolved when the target recovers', async () => {
    await until('/dashboard', /api\s+✓ Operational/);
    // Open pages update themselves: no reload, the same documents. The public page in a tab of its own.
    const statusTab = await context.newPage();
    await statusTab.goto(`${server.url}/status/public`);
    for (const tab of [page, statusTab]) await tab.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    target.mode = 'error';
    await page.waitForFunction(() => /api\s+✕ Down/.test((document.getElementById('live-monitors') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 8000 });
    await statusTab.waitForFunction(() => /api: ✕ Ongoing/.test((document.getElementById('live-incidents') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 8000 });
    expect(await statusTab.locator('#live-overall').innerText()).toMatch(/✕ Down\s+Major outage/);
    for (const tab of [page, statusTab]) expect(await tab.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    expect(await page.locator('#live-updated').textContent()).toMatch(/^Updated /);
    expect(await until('/dashboard', /api\s+✕ Down/)).toContain('api');
    expect(await until('/dashboard/incidents', /api ✕ Ongoing/)).toContain(': status 500');
    expect(await until('/status', /api: ✕ Ongoing/)).toContain('Outage confirmed');
    // A half-written update is never wiped by a refresh: its region waits until the form is left empty.
    // (A loaded machine may have timed a probe out before: only the ongoing incident is this test's.)
    await page.goto(`${server.url}/dashboard/incidents`);
    const message = page.getByRole('article', { name: 'api Ongoing' }).getByLabel('Update for the status page and the alert channels');
    await message.fill('Looking at the database');
    target.mode = 'up';
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await page.locator('#live-incidents').innerText()).toMatch(/api ✕ Ongoing/);
    expect(await message.inputValue()).toBe('Looking at the database');
    await message.fill('');
    await page.locator('h1').click();
    await page.waitForFunction(() => !/Ongoing/.test((document.getElementById('live-incidents') as HTMLElement | null)?.innerText ?? 'Ongoing'), undefined, { timeout: 8000 });
    expect(await page.locator('#live-incidents').innerText()).toMatch(/api ✓ Resolved/);
    await statusTab.waitForFunction(() => !/Ongoing/.test((document.getElementById('live-incidents') as HTMLElement | null)?.innerText ?? 'Ongoing'), undefined, { timeout: 8000 });
    expect(await statusTab.locator('#live-overall').innerText()).toMatch(/All systems operational/);
    expect(await statusTab.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await statusTab.close();
    expect(await until('/dashboard/incidents', RESOLVED_ONLY)).toMatch(/api ✓ Resolved/);
    expect(await until('/status/public', RESOLVED_ONLY)).toMatch(/Resolved after/);
    expect(problems).toEqual([]);
  }, 40_000);

  it('loads the public status page and a badge, and axe finds nothing on /status', async () => {
    await page.goto(`${server.url}/status`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Acme');
    expect(await axe()).toEqual([]);
    // The recovery of the test before reaches the badge with the next snapshot (an old one is served while it builds).
    let label: string | null = null;
    for (let attempt = 0; attempt < 50 && label !== 'api: up'; attempt++) {
      if (attempt > 0) await new Promise((done) => setTimeout(done, 200));
      const badge = await page.goto(`${server.url}/badge/api/status.svg`);
      expect(badge?.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      label = await page.locator('svg').getAttribute('aria-label');
    }
    expect(label).toBe('api: up');
    expect(problems).toEqual([]);
  });

  it('signs out through the form: the session ends and the dashboard sends to /login again', async () => {
    await page.goto(`${server.url}/dashboard/plan`);
    const id = (await context.cookies()).find((cookie) => cookie.name === '__Host-harden-session')!.value;
    expect(await authStoreOf(store).session(sha256Hex(id), Date.now())).toBeDefined();
    await Promise.all([page.waitForURL(`${server.url}/login`), page.getByRole('button', { name: 'Sign out' }).click()]);
    expect((await context.cookies()).some((cookie) => cookie.name === '__Host-harden-session')).toBe(false);
    expect(await authStoreOf(store).session(sha256Hex(id), Date.now())).toBeUndefined();
    await page.goto(`${server.url}/dashboard`);
    expect(page.url()).toBe(`${server.url}/login?next=%2Fdashboard`);
    expect(problems).toEqual([]);
  });
});
