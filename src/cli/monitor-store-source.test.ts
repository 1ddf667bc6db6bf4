import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { parsePlan } from '../plan/load.js';
import { openStore } from '../store/open.js';
import { monitorStoreSource } from './monitor-store-source.js';

describe('the monitor store a scan reads', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'harden-store-source-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plan = (database: string) => parsePlan(`monitoring: { database: ${database} }\n`, join(dir, 'harden.yaml'), { catalog, now: new Date() });

  it('is missing, never created, when the plan\'s database file is not there', async () => {
    const { source } = monitorStoreSource(plan('state/none.db'), {});
    expect(source).toEqual({ missing: expect.stringMatching(/^no monitor store at .*state\/none\.db: run `harden monitor` with this plan/) });
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });

  it('opens an existing one read-only on first use, once, and closes it', async () => {
    const store = await openStore({ sqlite: join(dir, 'harden.db') });
    await store.migrate();
    await store.close();
    const { source, close } = monitorStoreSource(plan('harden.db'), {});
    if (!('open' in source)) throw new Error('expected a store');
    expect(source.where).toMatch(/harden\.db$/);
    const opened = await source.open();
    expect(await source.open()).toBe(opened);
    expect(await opened.samples({ monitor: 'api' })).toEqual([]);
    await close();
  });
});
