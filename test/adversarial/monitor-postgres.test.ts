import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { eventually, startSwitchableTarget } from '../../src/testing/monitor-targets.js';
import { ensureServices, startPostgres } from '../../src/testing/services.js';
import { cleanUp, daemon, sleep, tempDir, within, writePlan } from './monitor-harness.js';

afterEach(cleanUp);

/** Issue 9, defect 25: a PostgreSQL restart stopped the daemon instead of reconnecting. */
describe('the monitor daemon on PostgreSQL', () => {
  it('rides out a server restart: keeps probing, reconnects with backoff, and writes the samples taken meanwhile', async () => {
    ensureServices();
    const postgres = await startPostgres({ auth: 'trust' });
    const target = await startSwitchableTarget();
    const url = `postgres://postgres@127.0.0.1:${postgres.port}/postgres`;
    const store = await openStore({ postgres: url });
    try {
      const dir = tempDir();
      writePlan(dir, `monitors:\n  - { name: api, http: "${target.origin}/health", every: 1s }\nmonitoring:\n  metrics: false\n`);
      const run = daemon(dir, [], { HARDEN_DATABASE_URL: url });
      await eventually(async () => (await store.samples({ monitor: 'api' }).catch(() => [])).length >= 2, 20_000, 'samples before the restart');
      await store.close();
      await postgres.stop();
      const downAt = Date.now();
      await eventually(() => run.logs.some((l) => String(l.msg).startsWith('the database cannot be reached')), 10_000, 'the outage noticed');
      await sleep(3000);
      await postgres.start();
      const upAt = Date.now();
      await eventually(() => run.logs.some((l) => l.msg === 'the database is reachable again; what was kept is written'), 30_000, 'reconnected');
      expect(run.child.exitCode).toBeNull();
      const reopened = await openStore({ postgres: url });
      try {
        const during = (await reopened.samples({ monitor: 'api', since: downAt })).filter((sample) => sample.at < upAt);
        expect(during.length).toBeGreaterThanOrEqual(2);
        await eventually(async () => (await reopened.samples({ monitor: 'api', since: upAt + 1500 })).length > 0, 10_000, 'samples after the restart');
      } finally {
        await reopened.close();
      }
      // The one-daemon lock's own connection went down with the server, and is taken again (with its backoff).
      await eventually(() => run.logs.some((l) => String(l.msg).includes("the monitor's lock on") && String(l.msg).includes('is held again')), 35_000, 'the lock taken again');
      run.child.kill('SIGTERM');
      expect(await within(run.exited, 15_000)).toEqual({ code: 0, signal: null });
      expect(run.logs.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await store.close().catch(() => undefined);
      await target.close();
      await postgres.close();
    }
  }, 120_000);
});
