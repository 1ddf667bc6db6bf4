import { describe, expect, it } from 'vitest';
import { groupBackups } from './group.js';

const at = (iso: string) => new Date(iso);
const keys = (paths: [string, string, number][]) => groupBackups(paths.map(([path, time, size]) => ({ path, time: at(time), size }))).map((b) => [b.key, b.time.toISOString(), b.size]);

describe('backups from the entries under a prefix or folder', () => {
  it('takes files directly under it one by one (pg_dump files named by date)', () => {
    expect(keys([['app_2026-12-07T03:00:00Z.sql.gz', '2026-12-07T03:01:00Z', 10], ['app_2026-12-06T03:00:00Z.sql.gz', '2026-12-06T03:01:00Z', 9]])).toEqual([
      ['app_2026-12-06T03:00:00Z.sql.gz', '2026-12-06T03:01:00.000Z', 9],
      ['app_2026-12-07T03:00:00Z.sql.gz', '2026-12-07T03:01:00.000Z', 10],
    ]);
  });

  it('takes a pgBackRest run folder as one backup, and its backup.info beside it as metadata', () => {
    expect(
      keys([
        ['20261206-030000F/backup.manifest', '2026-12-06T03:20:00Z', 1],
        ['20261206-030000F/pg_data/base/1/1259.gz', '2026-12-06T03:10:00Z', 500],
        ['20261207-030000F_20261207-150000I/backup.manifest', '2026-12-07T15:05:00Z', 1],
        ['20261207-030000F_20261207-150000I/pg_data/base/1/1259.gz', '2026-12-07T15:02:00Z', 40],
        ['backup.info', '2026-12-07T15:06:00Z', 2],
        ['backup.info.copy', '2026-12-07T15:06:00Z', 2],
      ]),
    ).toEqual([
      ['20261206-030000F/', '2026-12-06T03:20:00.000Z', 501],
      ['20261207-030000F_20261207-150000I/', '2026-12-07T15:05:00.000Z', 41],
    ]);
  });

  it('takes WAL-G base backups as runs, without their stop sentinels', () => {
    expect(
      keys([
        ['base_000000010000000000000002/tar_partitions/part_1.tar.lz4', '2026-12-06T03:00:00Z', 700],
        ['base_000000010000000000000002_backup_stop_sentinel.json', '2026-12-06T03:05:00Z', 1],
        ['base_000000010000000000000009/tar_partitions/part_1.tar.lz4', '2026-12-07T03:00:00Z', 710],
        ['base_000000010000000000000009_backup_stop_sentinel.json', '2026-12-07T03:05:00Z', 1],
      ]).map(([key]) => key),
    ).toEqual(['base_000000010000000000000002/', 'base_000000010000000000000009/']);
  });

  it('reads category folders (daily/, weekly/) file by file, and a run folder under one as one backup', () => {
    expect(
      keys([
        ['daily/app-20261207.sql.gz', '2026-12-07T03:00:00Z', 5],
        ['weekly/app-202649.sql.gz', '2026-12-06T03:00:00Z', 5],
        ['mongo/dump-2026-12-07/app/users.bson', '2026-12-07T04:00:00Z', 7],
        ['mongo/dump-2026-12-07/app/users.metadata.json', '2026-12-07T04:00:01Z', 1],
      ]).map(([key]) => key),
    ).toEqual(['weekly/app-202649.sql.gz', 'daily/app-20261207.sql.gz', 'mongo/dump-2026-12-07/']);
  });
});
