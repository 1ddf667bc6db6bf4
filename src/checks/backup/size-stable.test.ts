import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackupFile } from '../../testing/backup-stores.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { backupSizeStable } from './size-stable.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe('backup/size-stable (folders of dumps; S3 in stores.test.ts)', () => {
  const root = mkdtempSync(join(tmpdir(), 'harden-backup-size-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Dumps of these sizes, one a day, the last the newest. */
  const folderOf = (name: string, sizes: number[]) => {
    const folder = join(root, name);
    sizes.forEach((size, i) => writeBackupFile(folder, `pg-${i}.dump`, size, daysAgo(sizes.length - i)));
    return folder;
  };
  const run = (folder: string, options?: Record<string, unknown>) =>
    runLiveCheck(backupSizeStable, { targets: {}, backups: [{ name: 'pg', directory: folder, maxAge: '26h' }], now: NOW, ...(options ? { options } : {}) });

  it('passes a newest dump of the usual size (a database grows and shrinks a little)', async () => {
    const results = await run(folderOf('usual', [4000, 4100, 3900, 4200, 3000]));
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'newest pg-4.dump: 3000 bytes, median of the 4 before it 4050 bytes']]);
  });

  it('fails a newest dump 90% smaller than the median of the recent ones (an empty database, a dump of an error message)', async () => {
    const folder = folderOf('collapsed', [4000, 4100, 3900, 4200, 120]);
    const results = await run(folder);
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'collapsed', `the newest backup of pg (pg-4.dump, 120 bytes) is 97% smaller than the median of the 4 before it (4050 bytes) (${folder})`],
    ]);
  });

  it('compares only the recent ones and takes the threshold from the options', async () => {
    const folder = folderOf('grown', [100, 100, 100, 100, 4000, 4000, 4000, 2000]);
    // Median of the previous 7: 100 bytes (the database before its import); of the previous 3: 4000.
    expect((await run(folder, { maxDrop: 0.4 })).map((r) => r.status)).toEqual(['pass']);
    expect((await run(folder, { recent: 3 })).map((r) => r.status)).toEqual(['pass']);
    expect((await run(folder, { recent: 3, maxDrop: 0.4 })).map((r) => r.status)).toEqual(['fail']);
  });

  it('gives no result with fewer than 3 earlier backups to compare with', async () => {
    expect(await run(folderOf('young', [4000, 4000, 10]))).toEqual([]);
  });
});
