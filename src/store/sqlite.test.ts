import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { InsertQueryNode, type KyselyPlugin } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, DAY, down, event, HOUR, MINUTE, sample, T0 } from './fixtures.js';
import { openStore } from './open.js';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite.js';
import { StoreError, type Retention, type Store } from '../monitor/store.js';
import { unreachableByNobody, UNPRIVILEGED } from '../testing/unprivileged.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(name: string, maxPages?: number): Promise<Store> {
  const store = await openStore({ sqlite: join(dir, name), maxPages });
  await store.migrate();
  return store;
}

/** Minutes of one sample per monitor each, committed a minute at a time. */
async function load(store: Store, monitors: number, fromMinute: number, minutes: number): Promise<void> {
  for (let m = fromMinute; m < fromMinute + minutes; m++) {
    const samples = Array.from({ length: monitors }, (_, i) => (i % 50 === 0 && m % 7 === 0 ? down(`m${i}`, T0 + m * MINUTE + i) : sample(`m${i}`, T0 + m * MINUTE + i, 5 + ((i * m) % 200))));
    await store.commit(batch({ samples }));
  }
}

describe('SQLite store', () => {
  it('fills outbox.dedup_key of the rows queued before migration 0002 from their events', async () => {
    const file = join(dir, 'backfill.db');
    const store = await fresh('backfill.db');
    await store.commit(batch({ alerts: [{ channel: 'pd', event: event('incident:api@1:opened') }] }));
    await store.close();
    // Back to the 0001 schema, as a database of an earlier release has it.
    const raw = new Database(file);
    raw.exec(
      `drop table login_failures; drop table verify_items; drop table verify_runs; drop table incident_updates; drop table api_tokens; drop table sessions; drop table users; drop index outbox_by_dedup; alter table outbox drop column dedup_key; delete from kysely_migration where name in ('0002-outbox-dedup-key', '0003-auth', '0004-incident-updates-verify-runs', '0005-user-source', '0006-login-failures', '0007-totp-last-step')`,
    );
    raw.close();
    const migrated = await fresh('backfill.db');
    await migrated.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('select dedup_key from outbox').all()).toEqual([{ dedup_key: `api@${T0}` }]);
    check.close();
  });

  it('writes the states of a flush in one statement per 1000 monitors', async () => {
    const connection = openSqlite(join(dir, 'states.db'));
    const inserts: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (InsertQueryNode.is(node)) inserts.push(node.into?.table.identifier.name ?? '');
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const store = new SqlStore({ ...connection, db: connection.db.withPlugin(counter) });
    await store.migrate();
    const states = Array.from({ length: 2500 }, (_, i) => ({ monitor: `m${i}`, consecutiveFailures: 0, consecutiveSuccesses: 1, firstFailure: null, openIncident: null, lastSampleAt: T0, lastOk: true }));
    inserts.length = 0;
    await store.commit(batch({ states }));
    expect(inserts.filter((table) => table === 'monitor_states')).toHaveLength(3);
    expect((await store.states()).length).toBe(2500);
    await store.close();
  });

  it('stays bounded under constant load: the file plateaus once retention starts pruning', async () => {
    const store = await fresh('bounded.db');
    const retention: Retention = { raw: 2 * HOUR, minute: 2 * HOUR, hour: 4 * HOUR, day: 30 * DAY };
    const sizes: number[] = [];
    for (let hour = 0; hour < 10; hour++) {
      for (let tenth = 0; tenth < 6; tenth++) {
        await load(store, 100, hour * 60 + tenth * 10, 10);
        await store.compact(T0 + hour * HOUR + (tenth + 1) * 10 * MINUTE, retention);
      }
      sizes.push(await store.sizeBytes());
    }
    // Raw and minute rows stop growing after 2 h, hour rows after 4 h; the day tier adds one row a day.
    const plateau = sizes.slice(5);
    expect(Math.max(...plateau)).toBeLessThanOrEqual(Math.min(...plateau) * 1.1);
    expect(Math.max(...plateau)).toBeLessThan(sizes[1]! * 2);
    expect((await store.samples({ monitor: 'm0', since: 0 })).length).toBeLessThanOrEqual(2 * 60 + 1);
    expect(await store.integrityCheck()).toEqual([]);
    await store.close();
  });

  it('reports a full disk as a StoreError and keeps what was committed before', async () => {
    const store = await fresh('full.db', 64);
    await store.commit(batch({ samples: [sample('api', T0, 1)] }));
    const many = Array.from({ length: 20_000 }, (_, i) => sample('api', T0 + i + 1, 1, { reason: 'x'.repeat(50) }));
    const failure = await store.commit(batch({ samples: many })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toMatch(/^database .*full\.db cannot grow: the disk is full \(SQLITE_FULL\); free space/);
    expect((await store.samples({ monitor: 'api' })).length).toBe(1);
    await store.close();
  });

  it('reports a really full disk (a 600 kB tmpfs) as a StoreError, keeping every whole batch before it', async (context) => {
    const mountPoint = join(dir, 'tiny');
    mkdirSync(mountPoint);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountPoint]).status !== 0) return context.skip('mounting a tmpfs needs root with CAP_SYS_ADMIN');
    try {
      const store = await fresh('tiny/harden.db');
      let committed = 0;
      let failure: unknown;
      while (failure === undefined) {
        const samples = Array.from({ length: 500 }, (_, i) => down(`m${i}`, T0 + committed * MINUTE + i, 'x'.repeat(100)));
        failure = await store.commit(batch({ samples })).then(
          () => void committed++,
          (error: unknown) => error,
        );
      }
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as Error).message).toBe(`database ${join(mountPoint, 'harden.db')} cannot grow: the disk is full (SQLITE_FULL); free space or set monitoring.database to a larger disk`);
      expect(committed).toBeGreaterThan(0);
      expect((await store.samples({ monitor: 'm3' })).length).toBe(committed);
      expect(await store.integrityCheck()).toEqual([]);
      await store.close().catch(() => undefined);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('does not count twice when compaction fails part-way (disk full) and runs again', async () => {
    const path = join(dir, 'compact-full.db');
    let store = await openStore({ sqlite: path });
    await store.migrate();
    await load(store, 300, 0, 30);
    const before = await store.summary('m1', T0, T0 + HOUR);
    await store.close();
    const pages = statSync(path).size / 4096;
    store = await openStore({ sqlite: path, maxPages: pages + 2 });
    await expect(store.compact(T0 + HOUR, { raw: DAY, minute: DAY, hour: DAY, day: DAY })).rejects.toThrow(/disk is full/);
    expect(await store.summary('m1', T0, T0 + HOUR)).toEqual(before);
    await store.close();
    store = await openStore({ sqlite: path });
    await store.compact(T0 + HOUR, { raw: DAY, minute: DAY, hour: DAY, day: DAY });
    expect(await store.summary('m1', T0, T0 + HOUR)).toEqual(before);
    expect(before.total).toBe(30);
    await store.close();
  });

  it('refuses a file that is not a database with a StoreError naming it', async () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not a database, it is a text file that happens to be long enough '.repeat(100));
    const failure = await openStore({ sqlite: path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toBe(`database ${path} is corrupt or not a SQLite database (SQLITE_NOTADB); move it aside (a new one is created) or restore a backup`);
  });

  it('refuses a directory where the database should be, naming it', async () => {
    const path = join(dir, 'a-folder.db');
    mkdirSync(path);
    const failure = await openStore({ sqlite: path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toBe(`database ${path} is a directory, not a SQLite file; set monitoring.database (or --database) to a file path`);
  });

  it('refuses the database of another application before changing anything in it', async () => {
    const path = join(dir, 'other-app.db');
    const other = new Database(path);
    other.exec("create table users (id integer primary key, name text); create table monitors (x); insert into users (name) values ('ada')");
    other.close();
    const store = await openStore({ sqlite: path });
    const failure = await store.migrate().catch((error: unknown) => error);
    await store.close();
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toBe(`database ${path} is not a harden database: it holds other tables (monitors, users) and none of harden's; give harden a database of its own (monitoring.database, --database or HARDEN_DATABASE_URL)`);
    const after = new Database(path, { readonly: true });
    expect(after.prepare("select name from sqlite_master where type = 'table' order by name").all()).toEqual([{ name: 'monitors' }, { name: 'users' }]);
    after.close();
  });

  it('reads without writing: a database in a read-only folder, and none at all', async () => {
    const folder = join(dir, 'read-only-folder');
    mkdirSync(folder);
    const path = join(folder, 'harden.db');
    const writer = await fresh('read-only-folder/harden.db');
    await writer.commit(batch({ samples: [sample('api', T0, 12)] }));
    await writer.close();
    chmodSync(folder, 0o555);
    try {
      const reader = await openStore({ sqlite: path, readOnly: true });
      await reader.migrate();
      expect((await reader.samples({ monitor: 'api' })).map((s) => s.at)).toEqual([T0]);
      await reader.close();
    } finally {
      chmodSync(folder, 0o755);
    }
    const none = await openStore({ sqlite: join(dir, 'not-yet/harden.db'), readOnly: true });
    await none.migrate();
    expect(await none.samples({ monitor: 'api' })).toEqual([]);
    await none.close();
    expect(existsSync(join(dir, 'not-yet'))).toBe(false);
  });

  it('finds damage with the integrity check', async () => {
    const path = join(dir, 'damaged.db');
    const store = await fresh('damaged.db');
    await load(store, 200, 0, 20);
    expect(await store.integrityCheck()).toEqual([]);
    expect(await store.integrityCheck({ quick: true })).toEqual([]);
    await store.close();
    const fd = openSync(path, 'r+');
    const pages = statSync(path).size / 4096;
    for (let page = Math.floor(pages / 2); page < pages - 2; page += 3) writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, page * 4096 + 100);
    closeSync(fd);
    const reopened = await openStore({ sqlite: path });
    for (const quick of [false, true]) {
      const found = await reopened.integrityCheck({ quick }).catch((error: unknown) => error);
      if (found instanceof Error) expect(found).toBeInstanceOf(StoreError);
      else expect((found as string[]).length).toBeGreaterThan(0);
    }
    await reopened.close().catch(() => undefined);
  });

  // Root writes anywhere, so the opening runs in a child process as the unprivileged user `nobody`.
  const asNobody = (path: string) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./open-child.fixture.ts', import.meta.url)), path], {
      encoding: 'utf8',
      timeout: 60_000,
      ...UNPRIVILEGED,
    });
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ok?: true; name?: string; message?: string };
  };

  it.skipIf(unreachableByNobody())('reports a read-only database file or folder as a StoreError', async () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(dir, 0o755); // mkdtemp made it 0700: nobody could not even look inside
    const store = await fresh('read-only/harden.db');
    await store.close();
    chmodSync(join(readOnly, 'harden.db'), 0o444);
    chmodSync(readOnly, 0o555);
    expect(asNobody(join(readOnly, 'harden.db'))).toEqual({
      name: 'StoreError',
      message: expect.stringMatching(new RegExp(`^database ${join(readOnly, 'harden.db')} is read-only \\(SQLITE_READONLY\\w*\\); make the file and its folder writable`)),
    });
    expect(asNobody(join(readOnly, 'new/harden.db'))).toEqual({
      name: 'StoreError',
      message: `cannot create the folder ${join(readOnly, 'new')} for database ${join(readOnly, 'new/harden.db')} (EACCES); create it or set monitoring.database to a writable path`,
    });
    chmodSync(readOnly, 0o755);
  }, 60_000);
});

describe('SQLite store after kill -9', () => {
  it('is intact and counts every committed sample exactly once, wherever the kill landed', async () => {
    const path = join(dir, 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-child.fixture.ts', import.meta.url)), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited early (${code})`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const store = await openStore({ sqlite: path });
    expect(await store.integrityCheck()).toEqual([]);
    const everything = [0, Date.UTC(2030, 0, 1)] as const;
    const raw = (await store.samples({ monitor: 'm7' })).length;
    expect(raw).toBeGreaterThan(0);
    expect((await store.summary('m7', ...everything)).total).toBe(raw);
    await store.compact(Date.UTC(2026, 0, 6), { raw: 1e12, minute: 1e12, hour: 1e12, day: 1e12 });
    expect((await store.summary('m7', ...everything)).total).toBe(raw);
    // One outbox row per committed round: the rounds' alerts and samples went in together.
    const pending = (await store.outboxStats())[0]!.pending;
    expect(pending * 40).toBe(raw);
    await store.close();
  }, 60_000);
});
