import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackupFile } from '../../testing/backup-stores.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { backupRetention } from './retention.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe('backup/retention (a folder of daily dumps; S3 and restic in stores.test.ts)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'harden-backup-retention-'));
  beforeAll(() => {
    for (const days of [31, 20, 10, 1]) writeBackupFile(folder, `pg-${days}.sql.gz`, 1000, daysAgo(days));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const run = (retention: string | undefined, options?: Record<string, unknown>) =>
    runLiveCheck(backupRetention, { targets: {}, backups: [{ name: 'pg', directory: folder, maxAge: '26h', ...(retention ? { retention } : {}) }], now: NOW, ...(options ? { options } : {}) });

  it('passes when the oldest backup is as old as the retention, within the tolerance', async () => {
    const results = await run('30d');
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'oldest pg-31.sql.gz at 2026-11-06T12:00:00.000Z, 31d old']]);
  });

  it('fails when nothing is as old as the retention: deleted early, or the set is younger, and says both', async () => {
    const results = await run('45d');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'tooShort', `the oldest backup of pg (pg-31.sql.gz) is 31d old, younger than retention 45d: backups are deleted early, or the set began less than 45d ago (then say when: since:) (${folder})`],
    ]);
  });

  it('passes a set younger than its retention when the plan says when it began (since:), and says so', async () => {
    const results = await runLiveCheck(backupRetention, { targets: {}, backups: [{ name: 'pg', directory: folder, maxAge: '26h', retention: '45d', since: '2026-11-05' }], now: NOW });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'the set began on 2026-11-05, less than 45d ago: its oldest backup pg-31.sql.gz is 31d old']]);
    const older = await runLiveCheck(backupRetention, { targets: {}, backups: [{ name: 'pg', directory: folder, maxAge: '26h', retention: '45d', since: '2026-09-01' }], now: NOW });
    expect(older.map((r) => r.messageId)).toEqual(['tooShort']);
  });

  it('fails when backups older than retention plus the tolerance are kept: the 30-day retention nothing enforces', async () => {
    const results = await run('14d');
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'notPruned', `the oldest backup of pg (pg-31.sql.gz) is 31d old, beyond retention 2w (+34h): nothing prunes the set (${folder})`],
    ]);
  });

  it('takes the tolerance from the options (pruning weekly)', async () => {
    expect((await run('28d')).map((r) => r.status)).toEqual(['fail']);
    expect((await run('28d', { tolerance: '1w' })).map((r) => r.status)).toEqual(['pass']);
  });

  it('gives no result when the set states no retention', async () => {
    expect(await run(undefined)).toEqual([]);
  });
});
