import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../monitor/store.js';
import { planSchema } from '../plan/schema.js';
import { batch, DAY, down, HOUR, MINUTE, sample } from '../store/fixtures.js';
import { openStore } from '../store/open.js';
import { SnapshotBuilder } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-snapshot-'));
let store: Store;
const plan = planSchema.parse({ monitors: [{ name: 'api', tcp: 'api.acme.test:443' }, { name: 'web', tcp: 'web.acme.test:443' }] });
const START = Date.UTC(2026, 11, 7, 22, 50);

beforeAll(async () => {
  store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a builder kept across refreshes (today and this hour read as the samples recorded since) shows what a new one reads whole, across the hour and the day', async () => {
  const kept = new SnapshotBuilder(store);
  let at = START - 3 * DAY;
  for (; at < START; at += 10 * MINUTE) await store.commit(batch({ samples: [sample('api', at, 50), at % HOUR === 0 ? down('web', at) : sample('web', at, 20)] }));
  await store.compact(START, { raw: 30 * DAY, minute: 30 * DAY, hour: 30 * DAY, day: 365 * DAY });
  // Every refresh 7 minutes apart for 90 minutes: past 23:00 and midnight, with compaction folding in between.
  for (let now = START; now < START + 90 * MINUTE; now += 7 * MINUTE) {
    for (; at <= now; at += MINUTE) await store.commit(batch({ samples: [sample('api', at, 10 + (at % 5)), at % (20 * MINUTE) === 0 ? down('web', at) : sample('web', at, 30)] }));
    // Taken just after the refresh's clock (another process's clock, or committed while a rollover reads the past): read once, later.
    await store.commit(batch({ samples: [down('api', now + 500)] }));
    if ((now - START) % (21 * MINUTE) === 0) await store.compact(now, { raw: 30 * DAY, minute: 30 * DAY, hour: 30 * DAY, day: 365 * DAY });
    const refreshed = await kept.build(plan, now);
    const whole = await new SnapshotBuilder(store).build(plan, now + 1000);
    expect(refreshed.monitors).toEqual(whole.monitors);
    const web = refreshed.monitors.get('web')!;
    expect(web.days.at(-1)!.total).toBeGreaterThan(0);
  }
});

it('shows a monitor checked before but not in the last 3 intervals and a minute as stale, not as its last state', async () => {
  const quiet = planSchema.parse({ monitors: [{ name: 'checked', tcp: 'db.acme.test:5432', every: '30s' }, { name: 'never', tcp: 'cache.acme.test:6379', every: '30s' }] });
  const at = START + 10 * DAY;
  const checkedAt = (sampledAt: number, ok: boolean) => batch({
    samples: [ok ? sample('checked', sampledAt, 12) : down('checked', sampledAt)],
    states: [{ monitor: 'checked', consecutiveFailures: ok ? 0 : 1, consecutiveSuccesses: ok ? 1 : 0, firstFailure: null, openIncident: null, lastSampleAt: sampledAt, lastOk: ok }],
  });
  await store.commit(checkedAt(at, false));
  const builder = new SnapshotBuilder(store);
  const stateAt = async (now: number) => (await builder.build(quiet, now)).monitors;
  expect((await stateAt(at + 3 * 30_000 + 60_000)).get('checked')).toMatchObject({ state: 'down', lastSampleAt: at });
  const later = await stateAt(at + 3 * 30_000 + 60_001);
  expect(later.get('checked')).toMatchObject({ state: 'stale', lastSampleAt: at });
  expect(later.get('never')).toMatchObject({ state: 'unknown', lastSampleAt: null });
  await store.commit(checkedAt(at + 3 * 30_000 + 61_000, true));
  expect((await stateAt(at + 3 * 30_000 + 62_000)).get('checked')).toMatchObject({ state: 'up' });
});
