import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSchema } from '../plan/schema.js';
import { openStore } from '../store/open.js';
import { startAlertReceiver, type AlertReceiver } from '../testing/monitor-targets.js';
import type { Store } from './store.js';
import { sendTestAlerts } from './test-alert.js';

describe('test alerts', () => {
  let dir: string;
  let store: Store;
  let receiver: AlertReceiver;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'harden-test-alert-'));
    store = await openStore({ sqlite: join(dir, 'harden.db') });
    await store.migrate();
    receiver = await startAlertReceiver();
  });
  afterEach(async () => {
    await store.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = () =>
    planSchema.parse({
      monitors: [{ name: 'api-health', http: 'https://shop.example.com/api/health', alert: ['team-slack'] }],
      alerts: { 'team-slack': { slack: { webhook: `file:${join(dir, 'slack-url')}` } }, hook: { webhook: { url: `${receiver.origin}/hook` } } },
    });
  const send = async (channels: string[], deliverNow = true) => {
    writeFileSync(join(dir, 'slack-url'), `${receiver.origin}/services/T0/B0/secret-part`);
    return sendTestAlerts({ plan: plan(), planDir: dir, store, channels, now: Date.now(), ca: [], deliverNow });
  };

  it('goes through the outbox to a real Slack receiver and is recorded as delivered', async () => {
    expect(await send(['team-slack'])).toEqual([{ channel: 'team-slack', delivered: true }]);
    expect(receiver.deliveries.map((d) => d.path)).toEqual(['/services/T0/B0/secret-part']);
    expect(JSON.stringify(receiver.deliveries[0]!.json)).toContain('Test alert: harden reaches you through team-slack');
    expect(await store.outboxStats()).toEqual([expect.objectContaining({ channel: 'team-slack', delivered: 1, pending: 0 })]);
  });

  it('a receiver that refuses it leaves it pending with its error, for the daemon to retry', async () => {
    receiver.down = true;
    const [outcome] = await send(['hook']);
    expect(outcome).toMatchObject({ channel: 'hook', delivered: false, queued: false, error: expect.stringContaining('503') });
    expect(await store.outboxStats()).toEqual([expect.objectContaining({ channel: 'hook', delivered: 0, pending: 1, failing: 1 })]);
  });

  it('while a daemon owns the store, only queues it', async () => {
    expect(await send(['team-slack', 'hook'], false)).toEqual([
      { channel: 'team-slack', delivered: false, queued: true },
      { channel: 'hook', delivered: false, queued: true },
    ]);
    expect(receiver.deliveries).toEqual([]);
    expect((await store.dueAlerts(Date.now(), 10)).map((entry) => [entry.channel, entry.event.kind])).toEqual([
      ['team-slack', 'test'],
      ['hook', 'test'],
    ]);
  });
});
