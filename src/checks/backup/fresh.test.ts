import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackupFile } from '../../testing/backup-stores.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { backupFresh } from './fresh.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('backup/fresh (folders with dated files; S3 and restic in stores.test.ts)', () => {
  const root = mkdtempSync(join(tmpdir(), 'harden-backup-fresh-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = (directory: string, maxAge: string) => runLiveCheck(backupFresh, { targets: {}, backups: [{ name: 'pg', directory, maxAge }], now: NOW });

  it('passes a folder whose newest dump is younger than maxAge, and fails it once maxAge is shorter', async () => {
    const folder = join(root, 'nightly');
    writeBackupFile(folder, 'pg-2026-12-05.sql.gz', 1000, ago(56));
    writeBackupFile(folder, 'pg-2026-12-06.sql.gz', 1000, ago(32));
    writeBackupFile(folder, 'pg-2026-12-07.sql.gz', 1000, ago(8));
    const pass = await run(folder, '26h');
    expect(pass.map((r) => [r.status, r.evidence])).toEqual([['pass', 'newest pg-2026-12-07.sql.gz at 2026-12-07T04:00:00.000Z, 8h old']]);
    const fail = await run(folder, '6h');
    expect(fail.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'stale', `the newest backup of pg (pg-2026-12-07.sql.gz) is 8h old, older than maxAge 6h (${folder})`],
    ]);
  });

  it('takes a subfolder as one backup, as new as its newest file, and skips hidden files (a job\'s lock or partial upload)', async () => {
    const folder = join(root, 'per-day');
    writeBackupFile(folder, '2026-12-01/base.tar.gz', 500, ago(150));
    writeBackupFile(folder, '2026-12-01/wal/000000010000000000000001', 16, ago(140));
    writeBackupFile(folder, '.in-progress', 1, ago(1));
    const results = await run(folder, '1w');
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'newest 2026-12-01/ at 2026-12-01T16:00:00.000Z, 5d 20h old']]);
    expect((await run(folder, '5d')).map((r) => r.status)).toEqual(['fail']);
  });

  it('reads the folders of postgres-backup-local file by file (last/, daily/, weekly/, monthly/ hard links, a db-latest symlink)', async () => {
    const folder = join(root, 'pgbackups');
    const dump = (name: string, hours: number) => writeBackupFile(folder, `last/${name}`, 4000, ago(hours));
    dump('app-20261205-030000.sql.gz', 57);
    dump('app-20261206-030000.sql.gz', 33);
    dump('app-20261207-030000.sql.gz', 9);
    for (const [category, name] of [['daily', 'app-20261207.sql.gz'], ['weekly', 'app-202649.sql.gz'], ['monthly', 'app-202612.sql.gz']]) {
      mkdirSync(join(folder, category), { recursive: true });
      linkSync(join(folder, 'last/app-20261207-030000.sql.gz'), join(folder, category, name));
    }
    symlinkSync('app-20261207-030000.sql.gz', join(folder, 'last/app-latest.sql.gz'));
    const results = await run(folder, '26h');
    expect(results.map((r) => [r.status, r.evidence, r.data?.backups])).toEqual([['pass', 'newest daily/app-20261207.sql.gz at 2026-12-07T03:00:00.000Z, 9h old', 3]]);
  });

  it('fails an empty folder: no backup at all', async () => {
    const folder = join(root, 'empty');
    mkdirSync(folder);
    writeFileSync(join(folder, '.keep'), '');
    const results = await run(folder, '26h');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'empty', `backup set pg holds no backup (${folder})`]]);
  });

  it('reports an error, not a pass, when the folder is missing (wrong path, disk not mounted)', async () => {
    const results = await run(join(root, 'not-mounted'), '26h');
    expect(results.map((r) => r.status)).toEqual(['error']);
  });

  it('reads a relative folder from the plan\'s folder', async () => {
    writeBackupFile(join(root, 'relative'), 'dump.sql', 10, ago(1));
    const results = await runLiveCheck(backupFresh, { targets: {}, backups: [{ name: 'pg', directory: 'relative', maxAge: '26h' }], now: NOW, planDir: root });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});
