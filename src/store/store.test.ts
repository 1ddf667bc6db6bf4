import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices, startPostgres, type RunningService } from '../testing/services.js';
import { batch, DAY, down, event, HOUR, incident, MINUTE, sample, T0 } from './fixtures.js';
import { authStoreOf } from './auth.js';
import { openStore } from './open.js';
import { createPostgresDatabase } from './postgres.js';
import type { Retention, Store } from '../monitor/store.js';

const KEEP_ALL: Retention = { raw: 365 * DAY, minute: 365 * DAY, hour: 365 * DAY, day: 365 * DAY };

interface Engine {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  open(): Promise<Store>;
}

const dir = mkdtempSync(join(tmpdir(), 'harden-store-'));
let count = 0;
let postgres: RunningService | undefined;

const engines: Engine[] = [
  {
    name: 'SQLite file',
    setup: async () => undefined,
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
    open: () => openStore({ sqlite: join(dir, `contract-${++count}.db`) }),
  },
  {
    name: 'PostgreSQL',
    setup: async () => {
      ensureServices();
      postgres = await startPostgres({ auth: 'trust' });
    },
    teardown: async () => postgres?.close(),
    open: async () => openStore({ postgres: await createPostgresDatabase(`postgres://postgres@127.0.0.1:${postgres!.port}/postgres`, `contract_${++count}`) }),
  },
];

describe.each(engines)('Store contract on $name', (engine) => {
  const open: Store[] = [];
  beforeAll(() => engine.setup(), 120_000);
  // Each test's stores are closed after it: PostgreSQL's connections (max_connections=10) are few.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await Promise.all(open.map((store) => store.close()));
    await engine.teardown();
  }, 60_000);

  async function fresh(): Promise<Store> {
    const store = await engine.open();
    open.push(store);
    await store.migrate();
    return store;
  }

  it('migrates idempotently', async () => {
    const store = await fresh();
    await store.migrate();
    expect(await store.states()).toEqual([]);
    expect(await store.integrityCheck()).toEqual([]);
  });

  it('keeps samples compactly and returns them newest first', async () => {
    const store = await fresh();
    const up = sample('api', T0, 12.3456, { status: 200, phases: { dnsMs: 1.4, connectMs: 2.6, tlsMs: 3, firstByteMs: 9.5 }, reason: 'ignored on up samples' });
    const failed = down('api', T0 + MINUTE, 'timeout after 10s', { status: undefined, maintenance: true });
    await store.commit(batch({ samples: [up, failed, sample('web', T0, 1)] }));
    expect(await store.samples({ monitor: 'api' })).toEqual([
      { monitor: 'api', at: T0 + MINUTE, ok: false, latencyMs: 5, reason: 'timeout after 10s', maintenance: true },
      { monitor: 'api', at: T0, ok: true, latencyMs: 12.346, status: 200, phases: { dnsMs: 1, connectMs: 3, tlsMs: 3, firstByteMs: 10 } },
    ]);
    expect((await store.samples({ monitor: 'api', since: T0 + 1 })).map((s) => s.at)).toEqual([T0 + MINUTE]);
    expect((await store.samples({ monitor: 'api', limit: 1 })).map((s) => s.at)).toEqual([T0 + MINUTE]);
    expect(await store.samples({ monitor: 'nobody' })).toEqual([]);
    await store.commit(batch({ samples: [down('odd', T0, 'r'.repeat(1000), { latencyMs: Number.NaN, phases: { dnsMs: Infinity } })] }));
    expect(await store.samples({ monitor: 'odd' })).toEqual([{ monitor: 'odd', at: T0, ok: false, latencyMs: 0, reason: 'r'.repeat(300) }]);
  });

  it('keeps a probe slower than the latency column holds (~35.8 min) at its maximum', async () => {
    const store = await fresh();
    await store.commit(batch({ samples: [sample('slow', T0, 3 * HOUR), sample('slow', T0 + 1, 5)] }));
    expect((await store.samples({ monitor: 'slow' })).map((s) => s.latencyMs)).toEqual([5, 2_147_483.647]);
    await store.compact(T0 + 10 * MINUTE, KEEP_ALL);
    expect(await store.summary('slow', T0, T0 + 10 * MINUTE)).toMatchObject({ total: 2, failed: 0 });
  });

  it('upserts states and opens and closes incidents', async () => {
    const store = await fresh();
    const first = down('api', T0);
    const state = { monitor: 'api', consecutiveFailures: 2, consecutiveSuccesses: 0, firstFailure: first, openIncident: `api@${T0 + MINUTE}`, lastSampleAt: T0 + MINUTE, lastOk: false };
    await store.commit(batch({ samples: [first, down('api', T0 + MINUTE)], states: [state], opened: [incident('api', T0 + MINUTE, first)] }));
    expect(await store.states()).toEqual([state]);
    expect((await store.openIncidents()).map((i) => [i.key, i.closedAt, i.firstFailure])).toEqual([[`api@${T0 + MINUTE}`, null, first]]);

    const recovered = { ...state, consecutiveFailures: 0, consecutiveSuccesses: 1, firstFailure: null, openIncident: null, lastSampleAt: T0 + 2 * MINUTE, lastOk: true };
    await store.commit(batch({ samples: [sample('api', T0 + 2 * MINUTE, 10)], states: [recovered], closed: [{ key: `api@${T0 + MINUTE}`, closedAt: T0 + 2 * MINUTE }] }));
    expect(await store.states()).toEqual([recovered]);
    expect(await store.openIncidents()).toEqual([]);
    expect((await store.incidents({ monitor: 'api' })).map((i) => [i.key, i.closedAt])).toEqual([[`api@${T0 + MINUTE}`, T0 + 2 * MINUTE]]);
    expect(await store.incidents({ since: T0 + 3 * MINUTE })).toEqual([]);
    expect(await store.incidents({ monitor: 'web' })).toEqual([]);
  });

  it('upserts the states of many monitors per batch, the last state of a monitor winning', async () => {
    const store = await fresh();
    const state = (monitor: string, failures: number) => ({ monitor, consecutiveFailures: failures, consecutiveSuccesses: 0, firstFailure: failures ? down(monitor, T0) : null, openIncident: null, lastSampleAt: T0 + failures, lastOk: failures === 0 });
    const names = Array.from({ length: 1500 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    await store.commit(batch({ states: names.map((name) => state(name, 0)) }));
    await store.commit(batch({ states: [...names.map((name, i) => state(name, i % 3)), state('m0001', 7)] }));
    const states = await store.states();
    expect(states).toHaveLength(1500);
    expect(states[0]).toEqual(state('m0000', 0));
    expect(states[1]).toEqual(state('m0001', 7));
    expect(states[1499]).toEqual(state('m1499', 1499 % 3));
  });

  it('writes nothing of a batch that fails', async () => {
    const store = await fresh();
    const broken = { ...incident('api', T0, down('api', T0)), reason: null as unknown as string }; // violates NOT NULL
    await expect(
      store.commit(batch({ samples: [down('api', T0)], states: [{ monitor: 'api', consecutiveFailures: 1, consecutiveSuccesses: 0, firstFailure: null, openIncident: null, lastSampleAt: T0, lastOk: false }], opened: [broken], alerts: [{ channel: 'slack', event: event('e1') }] })),
    ).rejects.toThrow();
    expect(await store.samples({ monitor: 'api' })).toEqual([]);
    expect(await store.states()).toEqual([]);
    expect(await store.incidents({})).toEqual([]);
    expect(await store.dueAlerts(T0 + DAY, 10)).toEqual([]);
    // The monitor registered inside the failed transaction is not remembered by mistake.
    await store.commit(batch({ samples: [sample('api', T0, 3)] }));
    expect((await store.samples({ monitor: 'api' })).length).toBe(1);
  });

  it('queues each (channel, event) once, however often it is committed', async () => {
    const store = await fresh();
    const alerts = [
      { channel: 'slack', event: event('incident:api@1:opened') },
      { channel: 'mail', event: event('incident:api@1:opened') },
      { channel: 'slack', event: event('incident:api@1:opened') },
    ];
    await store.commit(batch({ alerts }));
    await store.commit(batch({ alerts }));
    const due = await store.dueAlerts(T0, 10);
    expect(due.map((e) => [e.channel, e.event.key, e.attempts, e.deliveredAt])).toEqual([
      ['slack', 'incident:api@1:opened', 0, null],
      ['mail', 'incident:api@1:opened', 0, null],
    ]);
    expect(due[0]!.event).toEqual(event('incident:api@1:opened'));
    expect(await store.dueAlerts(T0 - 1, 10)).toEqual([]);

    const [slack, mail] = due;
    await store.markFailed(slack!.id, 'HTTP 500 from hooks.slack.test', T0 + MINUTE, T0 + 1);
    expect((await store.dueAlerts(T0 + 1, 10)).map((e) => e.channel)).toEqual(['mail']);
    await store.markDelivered(mail!.id, T0 + 2);
    const retried = await store.dueAlerts(T0 + MINUTE, 10);
    expect(retried.map((e) => [e.channel, e.attempts, e.lastError])).toEqual([['slack', 1, 'HTTP 500 from hooks.slack.test']]);
    expect(await store.outboxStats()).toEqual([
      { channel: 'mail', pending: 0, failing: 0, delivered: 1, lastError: null, lastErrorAt: null },
      { channel: 'slack', pending: 1, failing: 1, delivered: 0, lastError: 'HTTP 500 from hooks.slack.test', lastErrorAt: T0 + 1 },
    ]);
    // A replay after delivery (crash between send and the next tick) does not queue it again.
    await store.commit(batch({ alerts }));
    await store.markDelivered(slack!.id, T0 + MINUTE);
    expect(await store.dueAlerts(T0 + DAY, 10)).toEqual([]);
  });

  it('holds an alert while an earlier one of its channel and dedup key is undelivered', async () => {
    const store = await fresh();
    const opened = event('incident:api@1:opened');
    const resolved = { ...event('incident:api@1:resolved'), kind: 'incident.resolved' as const, at: T0 + 1 };
    await store.commit(batch({ alerts: [{ channel: 'pd', event: opened }, { channel: 'slack', event: opened }, { channel: 'other', event: event('incident:web@1:opened', 'web') }] }));
    await store.commit(batch({ alerts: [{ channel: 'pd', event: resolved }] }));
    const [pdOpened, slackOpened] = await store.dueAlerts(T0 + DAY, 10);
    // The opening failed: its retry is later than the resolution, which still waits behind it.
    await store.markFailed(pdOpened!.id, 'HTTP 503', T0 + HOUR, T0);
    await store.markDelivered(slackOpened!.id, T0);
    expect((await store.dueAlerts(T0 + MINUTE, 10)).map((e) => [e.channel, e.event.key])).toEqual([['other', 'incident:web@1:opened']]);
    expect((await store.dueAlerts(T0 + HOUR, 10)).map((e) => [e.channel, e.event.key])).toEqual([
      ['other', 'incident:web@1:opened'],
      ['pd', 'incident:api@1:opened'],
    ]);
    await store.markDelivered(pdOpened!.id, T0 + HOUR);
    expect((await store.dueAlerts(T0 + HOUR, 10)).map((e) => [e.channel, e.event.key])).toEqual([
      ['other', 'incident:web@1:opened'],
      ['pd', 'incident:api@1:resolved'],
    ]);
  });

  it('summarises from raw samples at once and from rollups after compaction, with the same figures', async () => {
    const store = await fresh();
    // Four up samples (10..40 ms), one failure, one failure during maintenance, all in one minute.
    const start = T0 + 3 * HOUR + 10 * MINUTE;
    await store.commit(
      batch({
        samples: [sample('api', start, 10), sample('api', start + 1, 20), sample('api', start + 2, 30), sample('api', start + 3, 40), down('api', start + 4), down('api', start + 5, 'x', { maintenance: true })],
      }),
    );
    const window = [start - HOUR, start + HOUR] as const;
    const expected = { total: 6, failed: 1, maintenance: 1, p99: 40 };
    const before = await store.summary('api', ...window);
    expect(before).toMatchObject(expected);
    expect(before.p50! / 20).toBeGreaterThan(1 / 1.1);
    expect(before.p50! / 20).toBeLessThan(1.1);
    await store.compact(start + HOUR, KEEP_ALL);
    expect(await store.summary('api', ...window)).toEqual(before);
    expect(await store.summary('api', start + 4, start + 6)).toEqual({ total: 2, failed: 1, maintenance: 1, p50: null, p95: null, p99: null });
    expect(await store.summary('nobody', ...window)).toEqual({ total: 0, failed: 0, maintenance: 0, p50: null, p95: null, p99: null });
  });

  it('computes quantiles over days, hours, minutes and raw edges within one bucket', async () => {
    const store = await fresh();
    // 3000 samples, one every 90 s over 75 h, latency cycling 1..1000 ms; every 100th one down.
    const samples = Array.from({ length: 3000 }, (_, i) => (i % 100 === 99 ? down('api', T0 + i * 90_000) : sample('api', T0 + i * 90_000, (i % 1000) + 1)));
    const commitAll = async (from: number, to: number) => {
      for (let i = from; i < to; i += 500) await store.commit(batch({ samples: samples.slice(i, Math.min(i + 500, to)) }));
    };
    await commitAll(0, 2000);
    await store.compact(T0 + 50 * HOUR, KEEP_ALL);
    await commitAll(2000, 3000); // the newest third is not folded yet
    const since = T0 + 7 * HOUR + 13 * MINUTE + 5_000;
    const now = T0 + 70 * HOUR + 42 * MINUTE + 30_000;
    const inWindow = samples.filter((s) => s.at >= since && s.at < now);
    const latencies = inWindow.filter((s) => s.ok).map((s) => s.latencyMs).sort((a, b) => a - b);
    const exact = (q: number) => latencies[Math.ceil(q * latencies.length) - 1]!;
    const check = async () => {
      const summary = await store.summary('api', since, now);
      expect(summary).toMatchObject({ total: inWindow.length, failed: inWindow.filter((s) => !s.ok).length, maintenance: 0 });
      for (const [q, value] of [[0.5, summary.p50], [0.95, summary.p95], [0.99, summary.p99]] as const) {
        expect(value! / exact(q)).toBeGreaterThanOrEqual(1 / 1.1);
        expect(value! / exact(q)).toBeLessThanOrEqual(1.1);
      }
      return summary;
    };
    const partly = await check();
    await store.commit(batch({ samples: [sample('web', since, 7), down('web', since + 1)] }));
    const [minuteSince, minuteNow] = [Math.floor(since / MINUTE) * MINUTE, Math.ceil(now / MINUTE) * MINUTE];
    const whole = await store.summary('api', minuteSince, minuteNow);
    expect(await store.summaries(since, now)).toEqual(
      new Map([
        ['api', whole],
        ['web', { total: 2, failed: 1, maintenance: 0, p50: 7, p95: 7, p99: 7 }],
      ]),
    );
    await store.compact(now, KEEP_ALL);
    await store.compact(now, KEEP_ALL); // again: nothing is counted twice
    expect(await check()).toEqual(partly);
    expect((await store.summaries(since, now)).get('api')).toEqual(whole);
  });

  it('counts samples the hour and day tiers have not folded yet from raw ones, and keeps those until they have', async () => {
    const store = await fresh();
    const t = T0 + 5 * HOUR;
    const shortRaw: Retention = { ...KEEP_ALL, raw: MINUTE };
    await store.commit(batch({ samples: [sample('api', t - 2 * HOUR, 10), sample('api', t - HOUR, 20)] }));
    await store.compact(t, shortRaw);
    await store.commit(batch({ samples: [sample('api', t - 30 * MINUTE, 30), down('api', t - 20 * MINUTE)] }));
    const expectations = async () => {
      expect(await store.summary('api', T0, T0 + DAY)).toMatchObject({ total: 4, failed: 1 });
      expect(await store.summary('api', t - 3 * HOUR, t)).toMatchObject({ total: 4, failed: 1, p99: 30 });
      expect(await store.summary('api', t - 40 * MINUTE, t)).toMatchObject({ total: 2, failed: 1, p50: 30 });
      expect((await store.summaries(T0, T0 + DAY)).get('api')).toMatchObject({ total: 4, failed: 1 });
    };
    await expectations();
    // A minute later only the minute tier folds; the coarse tiers still need the raw samples, so they stay.
    await store.compact(t + MINUTE, shortRaw);
    await expectations();
    expect((await store.samples({ monitor: 'api' })).length).toBe(2);
    await store.compact(t + 11 * MINUTE, shortRaw);
    await expectations();
    expect(await store.samples({ monitor: 'api' })).toEqual([]);
  });

  it('buckets: per day and per hour, from the tier and the raw samples it has not folded, never counted twice', async () => {
    const store = await fresh();
    const t = T0 + 2 * DAY + 5 * HOUR;
    await store.commit(batch({ samples: [sample('api', T0 + HOUR, 10), down('api', T0 + 2 * HOUR), sample('api', T0 + DAY + HOUR, 30), sample('web', T0 + DAY, 4, { maintenance: true })] }));
    await store.compact(t, KEEP_ALL);
    await store.commit(batch({ samples: [sample('api', t - HOUR, 50), sample('api', t - HOUR + MINUTE, 70)] }));
    const expectations = async () => {
      expect(await store.buckets('day', T0 + HOUR, t)).toEqual(
        new Map([
          ['api', [
            { start: T0, total: 2, failed: 1, maintenance: 0, up: 1, meanMs: 10 },
            { start: T0 + DAY, total: 1, failed: 0, maintenance: 0, up: 1, meanMs: 30 },
            { start: T0 + 2 * DAY, total: 2, failed: 0, maintenance: 0, up: 2, meanMs: 60 },
          ]],
          ['web', [{ start: T0 + DAY, total: 1, failed: 0, maintenance: 1, up: 1, meanMs: 4 }]],
        ]),
      );
      expect((await store.buckets('hour', t - 2 * HOUR, t)).get('api')).toEqual([{ start: t - HOUR, total: 2, failed: 0, maintenance: 0, up: 2, meanMs: 60 }]);
    };
    await expectations();
    await store.compact(t + 11 * MINUTE, KEEP_ALL);
    await expectations();
  });

  it('bucketsFrom: after a whole read, only the samples recorded since, whenever they were taken; compaction in between counts nothing twice', async () => {
    const store = await fresh();
    const t = T0 + 5 * HOUR;
    await store.commit(batch({ samples: [sample('api', T0 + HOUR, 10), down('api', T0 + 2 * HOUR)] }));
    await store.compact(t, KEEP_ALL);
    await store.commit(batch({ samples: [sample('api', t - MINUTE, 30)] }));
    const whole = await store.bucketsFrom('day', T0, t);
    expect(whole.buckets.get('api')).toEqual([{ start: T0, total: 3, failed: 1, maintenance: 0, up: 2, meanMs: 20 }]);
    expect(await store.bucketsFrom('day', T0, t, whole.through)).toEqual({ buckets: new Map(), through: whole.through });
    await store.compact(t + 11 * MINUTE, KEEP_ALL);
    // One taken after the first read's `now`, one before it but recorded late, one of another day, a new monitor.
    await store.commit(batch({ samples: [sample('api', t + MINUTE, 50), sample('api', T0 + 3 * HOUR, 70), sample('api', T0 - HOUR, 1), sample('web', t, 8)] }));
    const since = await store.bucketsFrom('day', T0, t, whole.through);
    expect(since.buckets).toEqual(
      new Map([
        ['api', [{ start: T0, total: 2, failed: 0, maintenance: 0, up: 2, meanMs: 60 }]],
        ['web', [{ start: T0, total: 1, failed: 0, maintenance: 0, up: 1, meanMs: 8 }]],
      ]),
    );
    expect(since.through).toBeGreaterThan(whole.through);
    expect(await store.bucketsFrom('day', T0, t, since.through)).toEqual({ buckets: new Map(), through: since.through });
  });

  it.runIf(engine.name === 'PostgreSQL')('bucketsFrom waits for a sample inserted in flight: one committed after the read below its `through` would never be read', async () => {
    const url = await createPostgresDatabase(`postgres://postgres@127.0.0.1:${postgres!.port}/postgres`, `contract_${++count}`);
    const store = await openStore({ postgres: url });
    open.push(store);
    await store.migrate();
    await store.commit(batch({ samples: [sample('api', T0 + HOUR, 10)] }));
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`insert into samples (monitor_id, at, flags, latency_us) select id, $1, 1, 20000 from monitors where name = 'api'`, [T0 + 2 * HOUR]);
      // A later insert commits first, with a higher id.
      await store.commit(batch({ samples: [sample('api', T0 + 3 * HOUR, 30)] }));
      const read = store.bucketsFrom('day', T0, T0 + DAY);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.query('commit');
      const whole = await read;
      const since = await store.bucketsFrom('day', T0, T0 + DAY, whole.through);
      const total = (whole.buckets.get('api')?.[0]?.total ?? 0) + (since.buckets.get('api')?.[0]?.total ?? 0);
      expect(total).toBe(3);
    } finally {
      await writer.end();
    }
  });

  it('buckets: a monitor first recorded after an earlier read is named in the next one', async () => {
    const store = await fresh();
    await store.commit(batch({ samples: [sample('api', T0 + HOUR, 10)] }));
    expect([...(await store.buckets('day', T0, T0 + DAY)).keys()]).toEqual(['api']);
    await store.commit(batch({ samples: [sample('web', T0 + 2 * HOUR, 20)] }));
    expect([...(await store.buckets('day', T0, T0 + DAY)).keys()].sort()).toEqual(['api', 'web']);
    expect([...(await store.summaries(T0, T0 + DAY)).keys()].sort()).toEqual(['api', 'web']);
  });

  it('prunes each tier by its retention and keeps older windows summed in coarser tiers', async () => {
    const store = await fresh();
    // One sample a minute for 4 days.
    const samples = Array.from({ length: 4 * 1440 }, (_, i) => sample('api', T0 + i * MINUTE, 10));
    const now = T0 + 4 * DAY;
    // A clock that jumped a week ahead for one early sample does not hold up the pruning behind it.
    samples.splice(10, 0, sample('api', now + 7 * DAY, 10));
    for (let i = 0; i < samples.length; i += 1000) await store.commit(batch({ samples: samples.slice(i, i + 1000) }));
    await store.compact(now, { raw: DAY, minute: 2 * DAY, hour: 3 * DAY, day: 30 * DAY });
    const kept = await store.samples({ monitor: 'api' });
    expect(kept.length).toBe(1440 + 1);
    expect(kept[0]!.at).toBe(now + 7 * DAY);
    expect(kept.at(-1)!.at).toBe(now - DAY);
    // Whole days come from the day tier, so a 4-day window still counts every sample.
    expect((await store.summary('api', T0, now)).total).toBe(4 * 1440);
    // Three days ago from an hour boundary: day + hour tiers.
    expect((await store.summary('api', now - 3 * DAY + HOUR, now)).total).toBe(3 * 1440 - 60);
    // Minute buckets older than two days are gone: a window starting mid-hour there loses that partial hour.
    expect((await store.summary('api', now - 2.5 * DAY + 30 * MINUTE, now)).total).toBe(2.5 * 1440 - 60);
    expect((await store.summary('api', now - 3 * DAY + 30 * MINUTE, now)).total).toBe(3 * 1440 - 60);
  });

  it('keeps users, sessions by id hash and API tokens by hash; removing a user ends their sessions; single sign-on users never take the name of a password user', async () => {
    const auth = authStoreOf(await fresh());
    expect(await auth.addUser({ name: 'ada', role: 'admin', passwordHash: '$argon2id$x', at: T0 })).toBe(true);
    expect(await auth.addUser({ name: 'ada', role: 'viewer', passwordHash: '$argon2id$y', at: T0 })).toBe(false);
    await auth.addUser({ name: 'bob', role: 'viewer', passwordHash: '$argon2id$z', at: T0 });
    expect(await auth.setTotp('ada', 'JBSWY3DPEHPK3PXP')).toBe(true);
    expect(await auth.user('ada')).toEqual({ name: 'ada', role: 'admin', passwordHash: '$argon2id$x', totpSecret: 'JBSWY3DPEHPK3PXP', createdAt: T0, source: 'password' });
    expect((await auth.users()).map((user) => user.name)).toEqual(['ada', 'bob']);

    await auth.createSession({ idHash: 'h1', user: 'ada', pendingTotp: false, at: T0, expiresAt: T0 + HOUR });
    await auth.createSession({ idHash: 'h2', user: 'ada', pendingTotp: true, at: T0, expiresAt: T0 + HOUR });
    await auth.createSession({ idHash: 'h3', user: 'bob', pendingTotp: false, at: T0, expiresAt: T0 + HOUR });
    expect(await auth.session('h1', T0 + 2 * MINUTE)).toMatchObject({ user: { name: 'ada' }, pendingTotp: false, lastSeenAt: T0 });
    expect(await auth.session('h1', T0 + 3 * MINUTE)).toMatchObject({ lastSeenAt: T0 + 2 * MINUTE });
    expect(await auth.session('h2', T0)).toMatchObject({ pendingTotp: true });
    expect(await auth.session('h1', T0 + HOUR)).toBeUndefined();
    expect(await auth.revokeSessions('ada')).toBe(2);
    expect(await auth.session('h1', T0)).toBeUndefined();
    expect(await auth.removeUser('bob')).toBe(true);
    expect(await auth.session('h3', T0)).toBeUndefined();
    expect(await auth.removeUser('bob')).toBe(false);

    expect(await auth.ssoUser({ name: 'ada', role: 'admin', source: 'oidc', at: T0 })).toBe(false);
    expect(await auth.ssoUser({ name: 'sso@example.com', role: 'viewer', source: 'oidc', at: T0 })).toBe(true);
    expect(await auth.ssoUser({ name: 'sso@example.com', role: 'operator', source: 'oidc', at: T0 + HOUR })).toBe(true);
    expect(await auth.user('sso@example.com')).toEqual({ name: 'sso@example.com', role: 'operator', passwordHash: '', totpSecret: undefined, createdAt: T0, source: 'oidc' });
    expect(await auth.user('ada')).toMatchObject({ role: 'admin', source: 'password' });
    // A password user's password (ending their sessions) and role change in place; a single sign-on user's never.
    await auth.createSession({ idHash: 'h-ada', user: 'ada', pendingTotp: false, at: T0, expiresAt: T0 + HOUR });
    expect(await auth.setPassword('ada', 'new hash')).toBe(true);
    expect(await auth.session('h-ada', T0)).toBeUndefined();
    expect(await auth.setRole('ada', 'viewer')).toBe(true);
    expect(await auth.user('ada')).toMatchObject({ role: 'viewer', passwordHash: 'new hash' });
    expect([await auth.setPassword('sso@example.com', 'x'), await auth.setRole('sso@example.com', 'admin'), await auth.setRole('nobody', 'admin')]).toEqual([false, false, false]);
    await auth.setRole('ada', 'admin');

    expect(await auth.addToken({ name: 'ci', tokenHash: 'th', role: 'viewer', at: T0 })).toBe(true);
    expect(await auth.addToken({ name: 'ci', tokenHash: 'other', role: 'viewer', at: T0 })).toBe(false);
    expect(await auth.useToken('th', T0 + MINUTE)).toEqual({ name: 'ci', role: 'viewer', createdAt: T0, lastUsedAt: T0 + MINUTE });
    expect(await auth.useToken('nope', T0)).toBeUndefined();
    expect(await auth.tokens()).toEqual([{ name: 'ci', role: 'viewer', createdAt: T0, lastUsedAt: T0 + MINUTE }]);
    expect(await auth.revokeToken('ci')).toBe(true);
    expect(await auth.useToken('th', T0)).toBeUndefined();
  });
  it('accepts each TOTP step once per user, later steps only, and forgets the steps with a new secret', async () => {
    const auth = authStoreOf(await fresh());
    await auth.addUser({ name: 'ada', role: 'admin', passwordHash: '$argon2id$x', at: T0 });
    await auth.addUser({ name: 'bob', role: 'admin', passwordHash: '$argon2id$x', at: T0 });
    expect(await auth.setTotp('ada', 'JBSWY3DPEHPK3PXP')).toBe(true);
    expect(await auth.useTotpStep('ada', 1000)).toBe(true);
    expect(await auth.useTotpStep('ada', 1000)).toBe(false);
    expect(await auth.useTotpStep('ada', 999)).toBe(false);
    expect(await auth.useTotpStep('bob', 1000)).toBe(true);
    expect(await auth.useTotpStep('ada', 1001)).toBe(true);
    expect(await auth.setTotp('ada', 'KRSXG5DSNFXGOIDB')).toBe(true);
    expect(await auth.useTotpStep('ada', 1001)).toBe(true);
    expect(await auth.useTotpStep('nobody', 1)).toBe(false);
  });

  it('counts sign-in attempts per key hash as failures, refuses a key at its limit without writing, and keeps only one window of them', async () => {
    const auth = authStoreOf(await fresh());
    const begin = (at: number, user: string, limits: [number, number] = [10, 10]) =>
      auth.beginLoginAttempt({ keys: [{ keyHash: user, limit: limits[0] }, { keyHash: 'c1', limit: limits[1] }], at, since: at - 15 * MINUTE });
    expect(await begin(T0, 'u1')).toEqual({ counted: true, ids: [expect.any(Number), expect.any(Number)] });
    await begin(T0 + MINUTE, 'u1');
    const third = await begin(T0 + 2 * MINUTE, 'u2');
    expect(await auth.loginFailures('u1', T0 - 15 * MINUTE, 10)).toEqual([T0 + MINUTE, T0]);
    expect(await auth.loginFailures('c1', T0 - 15 * MINUTE, 2)).toEqual([T0 + 2 * MINUTE, T0 + MINUTE]);
    expect(await auth.loginFailures('u1', T0, 10)).toEqual([T0 + MINUTE]);
    // Refused: the latest of each full key's oldest counted failure; nothing written.
    expect(await begin(T0 + 3 * MINUTE, 'u1', [2, 10])).toEqual({ counted: false, oldest: T0 });
    expect(await begin(T0 + 3 * MINUTE, 'u1', [2, 2])).toEqual({ counted: false, oldest: T0 + MINUTE });
    expect(await auth.loginFailures('c1', 0, 10)).toHaveLength(3);
    if (!third.counted) throw new Error('the third attempt was counted');
    await auth.forgetLoginAttempt(third.ids);
    expect(await auth.loginFailures('u2', 0, 10)).toEqual([]);
    expect(await auth.loginFailures('c1', 0, 10)).toEqual([T0 + MINUTE, T0]);
    await auth.clearLoginFailures('u1');
    expect(await auth.loginFailures('u1', 0, 10)).toEqual([]);
    expect(await auth.loginFailures('c1', 0, 10)).toHaveLength(2);
    // An attempt forgets every key's failures that left the window.
    await begin(T0 + 15 * MINUTE, 'u3');
    expect(await auth.loginFailures('c1', 0, 10)).toEqual([T0 + 15 * MINUTE, T0 + MINUTE]);
    expect(await auth.loginFailures('u3', 0, 10)).toEqual([T0 + 15 * MINUTE]);
  });

  it('lists undelivered alerts with their last error, and makes one due now on a retry', async () => {
    const store = await fresh();
    await store.commit(batch({ alerts: [{ channel: 'ops', event: event('e1') }, { channel: 'ops', event: event('e2', 'web') }] }));
    const [first, second] = await store.dueAlerts(T0, 10);
    await store.markFailed(first!.id, 'HTTP 500', T0 + HOUR, T0 + 1);
    await store.markDelivered(second!.id, T0 + 2);
    const pending = await store.pendingAlerts(10);
    expect(pending).toEqual([expect.objectContaining({ id: first!.id, attempts: 1, lastError: 'HTTP 500', lastErrorAt: T0 + 1, createdAt: T0, nextAttemptAt: T0 + HOUR })]);
    expect(await store.dueAlerts(T0 + MINUTE, 10)).toEqual([]);
    expect(await store.retryAlert(first!.id, T0 + MINUTE)).toBe(true);
    expect((await store.dueAlerts(T0 + MINUTE, 10)).map((entry) => entry.id)).toEqual([first!.id]);
    expect(await store.retryAlert(second!.id, T0 + MINUTE)).toBe(false);
  });

  it('keeps incident updates with their alerts, in one transaction, and refuses an unknown incident', async () => {
    const store = await fresh();
    const first = down('api', T0);
    await store.commit(batch({ samples: [first], opened: [incident('api', T0, first)] }));
    const update = { incident: `api@${T0}`, at: T0 + MINUTE, phase: 'identified' as const, message: 'The database ran out of connections.', author: 'alice' };
    const alert = { ...event(`update:api@${T0}:${T0 + MINUTE}`), kind: 'incident.update' as const };
    expect(await store.addIncidentUpdate(update, [{ channel: 'ops', event: alert }])).toBe(true);
    expect(await store.addIncidentUpdate({ ...update, incident: 'nope@1' }, [{ channel: 'ops', event: { ...alert, key: 'other' } }])).toBe(false);
    expect(await store.incidentUpdates()).toEqual([update]);
    expect(await store.incidentUpdates([`api@${T0}`, 'web@1'])).toEqual([update]);
    expect(await store.incidentUpdates([])).toEqual([]);
    expect((await store.pendingAlerts(10)).map((entry) => entry.event)).toEqual([alert]);
  });

  it('records verify runs and returns the newest ones with their items, oldest first', async () => {
    const store = await fresh();
    const item = (id: string, verdict: string) => ({ id, title: `Item ${id}`, stage: id === 'a' ? 'now' : null, claimed: 'done', verdict });
    for (const [at, verdict] of [[T0, 'verified'], [T0 + DAY, 'verified'], [T0 + 2 * DAY, 'regression']] as const)
      await store.recordVerifyRun({ at, items: [item('a', verdict), item('b', 'verified')], counts: { [verdict]: 1, verified: verdict === 'verified' ? 2 : 1 } });
    const runs = await store.verifyRuns(2);
    expect(runs.map((run) => run.at)).toEqual([T0 + DAY, T0 + 2 * DAY]);
    expect(runs[1]).toEqual({ at: T0 + 2 * DAY, counts: { regression: 1, verified: 1 }, items: [item('a', 'regression'), item('b', 'verified')] });
    // Compaction keeps the history as long as the day rollups, and the latest run whatever its age.
    await store.compact(T0 + DAY + 12 * 3_600_000 + KEEP_ALL.day, KEEP_ALL);
    expect((await store.verifyRuns(10)).map((run) => run.at)).toEqual([T0 + 2 * DAY]);
    await store.compact(T0 + 5000 * DAY, KEEP_ALL);
    expect(await store.verifyRuns(10)).toEqual([runs[1]]);
  });
});
