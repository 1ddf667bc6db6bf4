import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { loadPlan } from '../plan/load.js';
import { openStore } from '../store/open.js';
import type { Store } from './store.js';
import { eventually, startAlertReceiver, startSwitchableTarget, type AlertReceiver, type SwitchableTarget } from '../testing/monitor-targets.js';
import { MonitorDaemon } from './daemon.js';

let dir: string;
let target: SwitchableTarget;
let receiver: AlertReceiver;
const cleanup: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harden-daemon-'));
  target = await startSwitchableTarget();
  receiver = await startAlertReceiver();
  process.env.HARDEN_TEST_HOOK_SECRET = 's3cret-signing-key';
  // These tests probe every 150 ms, below the 1 s floor plans are held to.
  process.env.HARDEN_TEST_MIN_INTERVAL = '100ms';
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await target.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function writePlan(body: string): string {
  const file = join(dir, 'harden.yaml');
  writeFileSync(file, body);
  return file;
}

function plan(monitorExtra = '', sections = ''): string {
  return `
monitors:
  - name: api
    http: ${target.origin}/health
    every: 150ms
    timeout: 100ms
    confirm: 2
    alert: [hook]
${monitorExtra}
alerts:
  hook: { webhook: { url: ${receiver.origin}/hook, secret: env:HARDEN_TEST_HOOK_SECRET } }
monitoring:
  metrics: false
${sections}`;
}

interface Running {
  daemon: MonitorDaemon;
  store: Store;
  logs: Record<string, unknown>[];
}

async function startDaemon(file: string): Promise<Running> {
  const store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  const logs: Record<string, unknown>[] = [];
  const daemon = new MonitorDaemon(loadPlan(file, { catalog, now: new Date() }), {
    planFile: file,
    loadPlan: (path) => loadPlan(path, { catalog, now: new Date() }),
    store,
    log: (level, msg, fields) => logs.push({ level, msg, ...fields }),
    flushEveryMs: 50,
    alertPollMs: 50,
    alertBackoff: { baseMs: 50, maxMs: 200 },
  });
  await daemon.start();
  cleanup.push(() => store.close());
  cleanup.push(() => daemon.stop());
  return { daemon, store, logs };
}

const eventKeys = () => receiver.deliveries.map((d) => (d.json as { event: { key: string } }).event?.key ?? (d.json as { key: string }).key);
const kinds = () => receiver.deliveries.map((d) => JSON.stringify(d.json).match(/"kind":"([a-z.]+)"/)?.[1]);

describe('monitor daemon', () => {
  it('opens one incident per outage after `confirm` failures, closes it on recovery, and alerts each once', async () => {
    const { daemon, store } = await startDaemon(writePlan(plan()));
    await eventually(async () => (await store.samples({ monitor: 'api' })).length >= 2, 8000, 'first samples');
    target.mode = 'error';
    await eventually(async () => (await store.openIncidents()).length === 1, 8000, 'incident opened');
    await eventually(() => receiver.deliveries.length === 1, 8000, 'opened alert');
    const samplesWhileDown = (await store.samples({ monitor: 'api' })).length;
    await eventually(async () => (await store.samples({ monitor: 'api' })).length >= samplesWhileDown + 3, 8000, 'more failures');
    target.mode = 'up';
    await eventually(async () => (await store.openIncidents()).length === 0, 8000, 'incident closed');
    await eventually(() => receiver.deliveries.length === 2, 8000, 'resolved alert');
    await daemon.stop();
    expect(kinds()).toEqual(['incident.opened', 'incident.resolved']);
    expect(new Set(eventKeys()).size).toBe(2);
    const [incident] = await store.incidents({ monitor: 'api' });
    expect(incident).toMatchObject({ monitor: 'api', reason: expect.stringMatching(/500/) });
    expect(incident!.closedAt).not.toBeNull();
    expect(incident!.firstFailure.ok).toBe(false);
  });

  it('a flapping target (down, up, down, ...) opens nothing with confirm 2', async () => {
    target.mode = 'alternate';
    const { daemon, store } = await startDaemon(writePlan(plan()));
    await eventually(async () => (await store.samples({ monitor: 'api' })).length >= 8, 8000, 'eight samples');
    await daemon.stop();
    const samples = await store.samples({ monitor: 'api' });
    expect(samples.filter((s) => !s.ok).length).toBeGreaterThanOrEqual(3);
    expect(await store.incidents({ monitor: 'api' })).toEqual([]);
    expect(receiver.deliveries).toEqual([]);
  });

  it('a target hanging past the timeout is down with a timeout reason, measured at the timeout', async () => {
    target.mode = 'hang';
    const { daemon, store } = await startDaemon(writePlan(plan()));
    await eventually(async () => (await store.openIncidents()).length === 1, 8000, 'incident');
    await daemon.stop();
    const [sample] = await store.samples({ monitor: 'api', limit: 1 });
    expect(sample!.reason).toMatch(/timeout after 100ms/);
    expect(sample!.latencyMs).toBeGreaterThanOrEqual(95);
    expect(sample!.latencyMs).toBeLessThan(1000);
  });

  it('an alert receiver down for a while gets every alert exactly once when it is back', async () => {
    receiver.down = true;
    const { daemon, store } = await startDaemon(writePlan(plan()));
    target.mode = 'error';
    await eventually(async () => (await store.openIncidents()).length === 1, 8000, 'incident opened');
    target.mode = 'up';
    await eventually(async () => (await store.openIncidents()).length === 0, 8000, 'incident closed');
    await eventually(async () => (await store.outboxStats()).some((s) => s.failing > 0 && s.lastError !== null), 8000, 'failed delivery visible');
    const stats = await store.outboxStats();
    expect(stats[0]).toMatchObject({ channel: 'hook', pending: 2 });
    expect(stats[0]!.lastError).toMatch(/503/);
    receiver.down = false;
    await eventually(() => receiver.deliveries.length === 2, 8000, 'both alerts delivered');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await daemon.stop();
    expect(kinds()).toEqual(['incident.opened', 'incident.resolved']);
    expect((await store.outboxStats())[0]).toMatchObject({ pending: 0, delivered: 2 });
  });

  it('marks samples in a maintenance window and opens no incident for them', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 3_600_000).toISOString();
    target.mode = 'error';
    const { daemon, store } = await startDaemon(writePlan(plan('', `maintenance:\n  - { monitors: [api], start: "${start}", end: "${end}", reason: deploy }\n`)));
    await eventually(async () => (await store.samples({ monitor: 'api' })).length >= 5, 8000, 'samples');
    await daemon.stop();
    const samples = await store.samples({ monitor: 'api' });
    expect(samples.every((s) => s.maintenance === true && !s.ok)).toBe(true);
    expect(await store.incidents({ monitor: 'api' })).toEqual([]);
    expect(receiver.deliveries).toEqual([]);
  });

  it('keeps running the previous plan when a reload does not load, and applies the next good one', async () => {
    const file = writePlan(plan());
    const { daemon, store, logs } = await startDaemon(file);
    writeFileSync(file, `${plan()}\n  bogus: [`);
    daemon.reload();
    expect(logs.find((l) => l.msg === 'plan reload failed; still running the previous plan')).toMatchObject({ level: 'error', problems: [expect.stringMatching(/harden\.yaml:\d+:\d+: /)] });
    const before = (await store.samples({ monitor: 'api' })).length;
    await eventually(async () => (await store.samples({ monitor: 'api' })).length > before + 2, 8000, 'still probing');
    writeFileSync(file, plan(`  - name: second\n    tcp: 127.0.0.1:${target.port}\n    every: 150ms\n    timeout: 100ms`));
    daemon.reload();
    await eventually(async () => (await store.samples({ monitor: 'second' })).length > 0, 8000, 'new monitor probed');
    expect(logs.some((l) => l.msg === 'plan reloaded')).toBe(true);
  });

  it('a reload that removes a monitor closes its open incident and tells its channels', async () => {
    target.mode = 'error';
    const file = writePlan(plan(`  - name: other\n    tcp: 127.0.0.1:${target.port}\n    every: 150ms\n    timeout: 100ms`));
    const { daemon, store } = await startDaemon(file);
    await eventually(async () => (await store.openIncidents()).length === 1, 8000, 'incident opened');
    await eventually(() => kinds().includes('incident.opened'), 8000, 'opened alert');
    writeFileSync(file, plan().replace(/  - name: api[\s\S]*?alert: \[hook\]\n/, `  - name: other\n    tcp: 127.0.0.1:${target.port}\n    every: 150ms\n`));
    daemon.reload();
    const reloadedAt = Date.now();
    await eventually(() => kinds().includes('incident.resolved'), 8000, 'resolution alert');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await daemon.stop();
    expect(await store.openIncidents()).toEqual([]);
    expect(receiver.deliveries.map((d) => (d.json as { title: string }).title)).toEqual([expect.stringMatching(/^api is down/), 'api: monitor removed from the plan; incident closed']);
    expect(await store.samples({ monitor: 'api', since: reloadedAt })).toEqual([]);
    expect((await store.samples({ monitor: 'other', since: reloadedAt })).length).toBeGreaterThan(0);
  });

  it('refuses a reload to an empty plan (a save in progress), keeping incidents open; takes "monitors: []" and says so', async () => {
    target.mode = 'error';
    const file = writePlan(plan());
    const { daemon, store, logs } = await startDaemon(file);
    await eventually(async () => (await store.openIncidents()).length === 1, 8000, 'incident opened');
    await eventually(() => kinds().includes('incident.opened'), 8000, 'opened alert');
    writeFileSync(file, '');
    daemon.reload();
    expect(logs.at(-1)).toMatchObject({ level: 'error', msg: 'plan reload refused: the plan has no monitors (an empty or truncated file?); still running the previous plan' });
    writeFileSync(file, plan().slice(0, plan().indexOf('alerts:')));
    daemon.reload();
    expect(logs.at(-1)).toMatchObject({ level: 'error', msg: 'plan reload failed; still running the previous plan' });
    const before = (await store.samples({ monitor: 'api' })).length;
    await eventually(async () => (await store.samples({ monitor: 'api' })).length > before + 2, 8000, 'still probing');
    expect(await store.openIncidents()).toHaveLength(1);
    expect(kinds()).toEqual(['incident.opened']);

    writeFileSync(file, `monitors: []\nalerts:\n  hook: { webhook: { url: ${receiver.origin}/hook, secret: env:HARDEN_TEST_HOOK_SECRET } }\n`);
    daemon.reload();
    expect(logs.find((l) => String(l.msg).startsWith('plan reloaded with "monitors: []"'))).toMatchObject({ level: 'warn', removed: ['api'] });
    await eventually(() => kinds().includes('incident.resolved'), 8000, 'resolution alert');
    expect(await store.openIncidents()).toEqual([]);
  });

  it('stops with exit 1 when its SQLite database is deleted or replaced under it', async () => {
    for (const damage of ['deleted', 'replaced'] as const) {
      const file = writePlan(plan());
      const { daemon, store, logs } = await startDaemon(file);
      await eventually(async () => (await store.samples({ monitor: 'api' })).length >= 2, 8000, 'first samples');
      const database = join(dir, 'harden.db');
      if (damage === 'replaced') copyFileSync(database, `${database}.copy`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
      if (damage === 'replaced') renameSync(`${database}.copy`, database);
      expect(await Promise.race([daemon.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))])).toBe(1);
      expect(logs.find((l) => l.level === 'error')?.msg).toMatch(new RegExp(`^the database refused a write: database .*harden\\.db was ${damage} .*; stopping$`));
      await store.close().catch(() => undefined);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
    }
  });

  it('fires a latency trigger once while it holds and resolves it', async () => {
    target.mode = 'slow';
    target.delayMs = 250;
    const slowPlan = plan('', `triggers:\n  - { name: slow-api, monitor: api, when: "p99 > 150ms for 1200ms", alert: [hook] }\n`);
    const { daemon, store } = await startDaemon(writePlan(slowPlan.replace('every: 150ms\n    timeout: 100ms', 'every: 300ms\n    timeout: 290ms')));
    await eventually(() => kinds().includes('trigger.fired'), 6000, 'trigger fired');
    expect((await store.openIncidents()).map((i) => i.key)).toEqual([expect.stringMatching(/^trigger:slow-api@/)]);
    target.mode = 'up';
    await eventually(() => kinds().includes('trigger.resolved'), 6000, 'trigger resolved');
    await daemon.stop();
    expect(kinds()).toEqual(['trigger.fired', 'trigger.resolved']);
  });

  it('on stop, aborts an alert delivery still hanging after the grace period; the alert stays pending and goes out at the next start', async () => {
    receiver.hang = true;
    target.mode = 'error';
    const file = writePlan(plan() + '  shutdownGrace: 300ms\n');
    const { daemon, store, logs } = await startDaemon(file);
    await eventually(() => receiver.held >= 1, 8000, 'a delivery in flight');
    const started = Date.now();
    await daemon.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs.find((l) => l.event === 'alert.abandoned')).toMatchObject({ msg: 'alert delivery abandoned at shutdown; it stays pending and is sent at the next start' });
    expect((await store.outboxStats())[0]).toMatchObject({ channel: 'hook', pending: 1, failing: 0, delivered: 0 });
    receiver.hang = false;
    target.mode = 'up';
    const next = await startDaemon(file);
    await eventually(() => kinds().includes('incident.opened'), 8000, 'the pending alert delivered');
    await next.daemon.stop();
  });

  it('on stop, abandons a probe still hanging after the grace period, and records nothing for it', async () => {
    target.mode = 'hang';
    const file = writePlan(plan().replace('every: 150ms\n    timeout: 100ms', 'every: 2s\n    timeout: 2s') + '  shutdownGrace: 200ms\n');
    const { daemon, store, logs } = await startDaemon(file);
    await eventually(() => target.requests >= 1, 8000, 'a probe in flight');
    const started = Date.now();
    await daemon.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(logs.at(-1)).toMatchObject({ msg: 'monitor stopped', abandonedProbes: 1 });
    expect(await daemon.exited).toBe(0);
    expect(await store.samples({ monitor: 'api' })).toEqual([]);
  });
});
