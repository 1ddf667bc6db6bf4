import { describe, expect, it } from 'vitest';
import { parseResticSnapshots, resticWhere } from './restic.js';

describe('restic snapshots --json', () => {
  it('reads snapshots of restic 0.14 (no summary: sizes unknown) and 0.17+ (summary.total_bytes_processed), oldest first', () => {
    const recorded = JSON.stringify([
      { time: '2026-12-07T02:00:00.123456789Z', tree: 'ab', paths: ['/var/backups/pg'], hostname: 'node-1', username: 'root', tags: ['pg'], id: 'bedcfd2b83c24c0b74068267233fd46bc80cbd8139119e6152b76fbaf82c0648', short_id: 'bedcfd2b' },
      {
        time: '2026-11-06T02:00:00+01:00',
        parent: 'x',
        tree: 'cd',
        paths: ['/var/backups/pg'],
        hostname: 'node-1',
        id: '0f3c9a1e5b7d4c2a8e6f1b3d5c7a9e0f2b4d6c8a0e2f4b6d8c0a2e4f6b8d0c2a',
        summary: { backup_start: '2026-11-06T02:00:00+01:00', files_new: 1, total_files_processed: 1, total_bytes_processed: 52_428_800 },
      },
      { time: 'not a time', id: 'zz', short_id: 'zz' },
    ]);
    expect(parseResticSnapshots(recorded, 'restic:/srv/restic')).toEqual([
      { key: '0f3c9a1e', time: new Date('2026-11-06T01:00:00Z'), size: 52_428_800 },
      { key: 'bedcfd2b', time: new Date('2026-12-07T02:00:00.123Z') },
    ]);
  });

  it('refuses output that is not a list of snapshots', () => {
    expect(() => parseResticSnapshots('Fatal: wrong password', 'restic:/r')).toThrow('restic snapshots --json for restic:/r printed something that is not JSON');
    expect(() => parseResticSnapshots('{}', 'restic:/r')).toThrow('did not print a list');
  });

  it('names the repository without the credentials a rest: or s3: URL may hold', () => {
    const where = (repository: string) => resticWhere({ repository, password: 'env:P', tags: [] });
    expect(where('rest:https://backup:s3cr3t@restic.example.com:8000/pg')).toBe('restic:rest:https://restic.example.com:8000/pg');
    expect(where('s3:https://s3.amazonaws.com/bucket/restic')).toBe('restic:s3:https://s3.amazonaws.com/bucket/restic');
    expect(where('sftp:user@host:/srv/restic')).toBe('restic:sftp:user@host:/srv/restic');
    expect(where('/srv/restic')).toBe('restic:/srv/restic');
  });
});
