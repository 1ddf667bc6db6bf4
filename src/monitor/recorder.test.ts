import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import { StoreError, type Batch, type Store } from './store.js';
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

  it('says what it wrote (afterCommit) only once the commit succeeded, never for a write that failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-recorder-'));
    dirs.push(dir);
    // A database capped at a few pages: the big batch below fails like a full disk.
    const store = await openStore({ sqlite: join(dir, 'harden.db'), maxPages: 64 });
    await store.migrate();
    const said: string[] = [];
    const failures: Error[] = [];
    const recorder = new Recorder(store, { flushEveryMs: 1000, maxSamples: 1_000_000, onFailure: (error) => failures.push(error) });
    recorder.sample({ monitor: 'api', at: 1, ok: true, latencyMs: 1 }, initialState('api'));
    recorder.afterCommit(() => said.push('first'));
    expect(said).toEqual([]);
    await recorder.flush();
    expect(said).toEqual(['first']);
    for (let i = 0; i < 20_000; i++) recorder.sample({ monitor: 'api', at: 2 + i, ok: false, latencyMs: 1, reason: 'x'.repeat(100) }, initialState('api'));
    recorder.afterCommit(() => said.push('incident opened'));
    await recorder.stop();
    expect(failures).toHaveLength(1);
    expect(said).toEqual(['first']);
    await store.close();
  });

  it('keeps a batch the store could not reach and writes it, in order and once, when it answers again', async () => {
    const store = await sqliteStore();
    let unreachable = 2;
    // The real store behind a connection that is down for the first two commits.
    const flaky: Store = Object.create(store, {
      commit: { value: (batch: Batch) => (unreachable-- > 0 ? Promise.reject(new StoreError('cannot reach PostgreSQL (ECONNREFUSED)', { transient: true })) : store.commit(batch)) },
    });
    let clock = 0;
    const retries: number[] = [];
    const recovered: number[] = [];
    const said: string[] = [];
    const recorder = new Recorder(flaky, { flushEveryMs: 1000, maxSamples: 1000, now: () => clock, onFailure: (error) => { throw error; }, onRetry: (_error, retryInMs) => retries.push(retryInMs), onRecovered: (downMs) => recovered.push(downMs) });
    const record = (at: number) => recorder.sample({ monitor: 'api', at, ok: true, latencyMs: 1 }, { ...initialState('api'), lastSampleAt: at });
    record(1);
    recorder.afterCommit(() => said.push('one'));
    await recorder.flush();
    record(2);
    await recorder.flush(); // too early: waits for the retry time
    clock = 600;
    record(3);
    recorder.afterCommit(() => said.push('three'));
    await recorder.flush();
    clock = 5000;
    await recorder.flush();
    expect(retries).toEqual([500, 1000]);
    expect(recovered).toEqual([5000]);
    expect(said).toEqual(['one', 'three']);
    expect((await store.samples({ monitor: 'api' })).map((sample) => sample.at)).toEqual([3, 2, 1]);
    expect((await store.states())[0]).toMatchObject({ monitor: 'api', lastSampleAt: 3 });
    await store.close();
  });
});
