import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../monitor/store.js';
import { batch, event, sample } from '../../store/fixtures.js';
import { openStore } from '../../store/open.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { alerting } from './alerting.js';

const PLAN = `monitors:
  - name: api-health
    http: { url: "https://shop.example.com/api/health" }
    every: 60s
    alert: [team-slack]
  - name: db-port
    tcp: "10.0.0.5:5432"
    every: 30s
    alert: [ops-mail]
  - name: status-page
    http: { url: "https://status.example.com/" }
alerts:
  team-slack: { slack: { webhook: env:SLACK_WEBHOOK } }
  ops-mail: { email: { smtp: env:SMTP_URL, from: harden@example.com, to: [ops@example.com] } }
`;

describe('monitor/alerting', () => {
  let dir: string;
  let store: Store;
  const source = () => ({ where: 'test.db', open: async () => store });
  const run = (options: Record<string, unknown> = {}) => runLiveCheck(alerting, { targets: {}, plan: PLAN, monitorStore: source(), options });
  const summary = (results: Awaited<ReturnType<typeof run>>) => results.map((r) => [r.status, r.messageId ?? null, r.location.kind === 'file' ? r.location.line : 0]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'harden-monitor-evidence-'));
    store = await openStore({ sqlite: join(dir, 'test.db') });
    await store.migrate();
    const now = Date.now();
    // api-health probed a minute ago and alerted Slack (delivered); db-port stopped 10 minutes ago, its mail alert never went out.
    await store.commit(batch({ samples: [sample('api-health', now - 60_000, 42), sample('db-port', now - 600_000, 3)], alerts: [{ channel: 'team-slack', event: event('test:team-slack', 'api-health', now - 30_000) }, { channel: 'ops-mail', event: event('incident:db-port', 'db-port', now - 600_000) }] }));
    const [slack, mail] = await store.dueAlerts(now, 10).then((due) => [due.find((e) => e.channel === 'team-slack')!, due.find((e) => e.channel === 'ops-mail')!]);
    await store.markDelivered(slack!.id, now - 29_000);
    await store.markFailed(mail!.id, 'connect ECONNREFUSED 127.0.0.1:2525', now + 60_000, now - 599_000);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes a monitor with fresh samples and a delivered alert, fails a stopped one, one without channels', async () => {
    const results = await run();
    expect(summary(results)).toEqual([
      ['pass', null, 2],
      ['fail', 'noAlertDelivered', 6],
      ['fail', 'staleSamples', 6],
      ['fail', 'noSamples', 10],
      ['fail', 'noChannel', 10],
    ]);
    const message = (id: string) => results.find((r) => r.messageId === id)!;
    expect(message('staleSamples').message).toMatch(/^The newest sample of db-port is 10m old, more than twice its interval \(30s\): the monitor is not running$/);
    expect(message('noAlertDelivered').message).toBe('No alert of db-port was delivered to ops-mail in the store at test.db: a channel that never delivered is not known to work');
    expect(message('noAlertDelivered').evidence).toBe('ops-mail: 1 pending, last error connect ECONNREFUSED 127.0.0.1:2525');
    expect(message('noChannel').message).toBe('status-page (https://status.example.com/) alerts no channel: an incident would reach nobody');
  });

  it('with url: only the monitor of that URL; with channel: it must be of that type', async () => {
    expect(summary(await run({ url: '/api/health', channel: 'slack' }))).toEqual([['pass', null, 2]]);
    expect(summary(await run({ url: '/api/health', channel: 'email' }))).toEqual([['fail', 'noChannelOfKind', 2]]);
    expect(summary(await run({ url: '/no/such/path' }))).toEqual([]);
  });

  it('is an error, never a pass, without a store', async () => {
    const results = await runLiveCheck(alerting, { targets: {}, plan: PLAN, monitorStore: { missing: 'no monitor store at .harden/harden.db' }, options: { url: '/api/health' } });
    expect(results.map((r) => [r.status, r.message])).toEqual([['error', expect.stringContaining('no monitor store at .harden/harden.db')]]);
  });
});
