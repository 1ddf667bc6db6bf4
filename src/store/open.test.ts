import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServices, freePort, startPostgres } from '../testing/services.js';
import { maskUrl } from './errors.js';
import { openStore, storeFromEnvironment } from './open.js';
import { StoreError } from '../monitor/store.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening a store', () => {
  it('uses SQLite at the given path, creating its folder, when HARDEN_DATABASE_URL is not set', async () => {
    const path = join(dir, '.harden', 'harden.db');
    const store = await storeFromEnvironment(path, {});
    await store.migrate();
    expect(existsSync(path)).toBe(true);
    expect(await store.sizeBytes()).toBeGreaterThan(0);
    await store.close();
  });

  it('reports an unreachable PostgreSQL as a StoreError naming the host, never the password', async () => {
    const port = await freePort();
    const failure = await storeFromEnvironment(join(dir, 'unused.db'), { HARDEN_DATABASE_URL: `postgres://harden:s3cret-pw@127.0.0.1:${port}/harden` }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toBe(
      `cannot reach PostgreSQL at postgres://harden:****@127.0.0.1:${port}/harden (ECONNREFUSED); check that the server is running and HARDEN_DATABASE_URL is right`,
    );
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('reports a refused PostgreSQL login without the password', async () => {
    ensureServices();
    const server = await startPostgres({ auth: 'scram-sha-256', password: 'right-password' });
    try {
      const url = `postgres://postgres:wrong-password@127.0.0.1:${server.port}/postgres`;
      const failure = await openStore({ postgres: url }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as Error).message).toBe(
        `PostgreSQL at postgres://postgres:****@127.0.0.1:${server.port}/postgres refused the login (28P01: password authentication failed for user "postgres"); check the user and password in HARDEN_DATABASE_URL`,
      );
      const store = await openStore({ postgres: url.replace('wrong-password', 'right-password') });
      await store.migrate();
      expect(await store.integrityCheck()).toEqual([]);
      await store.close();
    } finally {
      await server.close();
    }
  }, 120_000);

  it('masks passwords in URLs it cannot parse as well', () => {
    expect(maskUrl('postgres://u:p%40ss@db.internal:5432/x?sslmode=require')).toBe('postgres://u:****@db.internal:5432/x?sslmode=require');
    expect(maskUrl('postgres://u:pa ss@[bad/x')).toBe('postgres://u:****@[bad/x');
    expect(maskUrl('postgres://db.internal/x')).toBe('postgres://db.internal/x');
  });

  it('refuses an unknown scheme of database with a clear message', async () => {
    await expect(openStore({ postgres: 'not a url' })).rejects.toBeInstanceOf(StoreError);
  });
});
