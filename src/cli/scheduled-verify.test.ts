import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { catalog } from '../checks/index.js';
import { InputError } from '../errors.js';
import { loadPlan } from '../plan/load.js';
import { openStore } from '../store/open.js';
import { repeat, scheduleVerify } from './scheduled-verify.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-scheduled-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve\'s scheduled verify', () => {
  it('repeats on its interval, never two runs at once, and goes on after a failure', async () => {
    vi.useFakeTimers();
    try {
      let running = 0;
      let most = 0;
      let calls = 0;
      const failures: unknown[] = [];
      const schedule = repeat(
        1000,
        async () => {
          calls++;
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          running--;
          if (calls === 2) throw new Error('unreachable host');
        },
        (error) => failures.push(error),
      );
      await vi.advanceTimersByTimeAsync(5000);
      schedule.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toBe(4);
      expect(most).toBe(1);
      expect(failures).toEqual([new Error('unreachable host')]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('records each run in the store when the plan says verify: { every }', async () => {
    writeFileSync(join(dir, 'harden.yaml'), 'verify: { every: 6h }\nitems:\n  - { id: A, title: runs as non-root, status: done, checks: [k8s/run-as-non-root] }\n');
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: app\n      image: nginx\n');
    const loaded = loadPlan(join(dir, 'harden.yaml'), { catalog, now: new Date() });
    expect(loaded.plan.verify).toEqual({ every: 6 * 3_600_000 });
    const logs: string[] = [];
    const schedule = scheduleVerify(loaded, {}, (_level, message) => logs.push(message));
    const store = await openStore({ sqlite: join(dir, '.harden/harden.db') });
    try {
      await vi.waitFor(() => expect(logs).toContain('verify recorded'), { timeout: 10_000 });
      schedule?.stop();
      await store.migrate();
      expect((await store.verifyRuns(5)).map((run) => run.counts)).toEqual([{ regression: 1 }]);
    } finally {
      await store.close();
    }
    expect(() => loadPlan(join(dir, 'harden.yaml'), { catalog, now: new Date() })).not.toThrow();
    writeFileSync(join(dir, 'short.yaml'), 'verify: { every: 1m }\n');
    expect(() => loadPlan(join(dir, 'short.yaml'), { catalog, now: new Date() })).toThrow(InputError);
  });
});
