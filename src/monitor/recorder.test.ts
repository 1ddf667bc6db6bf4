import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import type { Batch, Store } from '../store/store.js';
import { initialState } from './incidents.js';
import { Recorder } from './recorder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function sqliteStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-recorder-'));
  dirs.push(dir);
  const store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  return store;
}

describe('Recorder', () => {
  it('behind a slow commit, gathers what arrives into the next one and loses no sample', async () => {
    const store = await sqliteStore();
    const committed: Batch[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The real store, made slow: the first commit waits until the test releases it.
    const slow: Store = Object.create(store, { commit: { value: async (batch: Batch) => (committed.length === 0 ? gate : Promise.resolve()).then(() => store.commit(batch)).then(() => void committed.push(batch)) } });
    const recorder = new Recorder(slow, { flushEveryMs: 1000, maxSamples: 2, onFailure: (error) => { throw error; } });
    for (let i = 0; i < 50; i++) {
      recorder.sample({ monitor: 'api', at: 1000 + i, ok: true, latencyMs: 1 }, { ...initialState('api'), lastSampleAt: 1000 + i });
      await new Promise((resolve) => setImmediate(resolve));
    }
    release();
    await recorder.stop();
    // The first commit held 2 samples; everything that arrived meanwhile went into one more.
    expect(committed.map((batch) => batch.samples.length)).toEqual([2, 48]);
    expect(committed.reduce((n, batch) => n + batch.samples.length, 0)).toBe(50);
    expect(await store.samples({ monitor: 'api', limit: 100 })).toHaveLength(50);
    await store.close();
  });
});
