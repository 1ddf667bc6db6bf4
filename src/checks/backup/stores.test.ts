import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listS3Backups } from '../../targets/backup/s3.js';
import { createResticRepository, S3RVER_CREDENTIALS, startS3rver, type ResticRepository, type S3Store } from '../../testing/backup-stores.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { backupFresh } from './fresh.js';
import { backupRetention } from './retention.js';
import { backupSizeStable } from './size-stable.js';

/*
 * The backup checks against real stores: an S3-protocol server (s3rver) on 127.0.0.1 and a
 * restic repository. One of each serves every case: the cases move the run's clock and the
 * plan's limits, not the store.
 */

const NOW = new Date('2026-12-07T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const daysAgo = (days: number) => hoursAgo(days * 24);

describe('backup checks on S3 (s3rver on 127.0.0.1)', () => {
  let store: S3Store;
  const env = { ...process.env };
  beforeAll(async () => {
    store = await startS3rver();
    process.env.HARDEN_TEST_S3_KEY = S3RVER_CREDENTIALS.accessKeyId;
    process.env.HARDEN_TEST_S3_SECRET = S3RVER_CREDENTIALS.secretAccessKey;
    process.env.HARDEN_TEST_S3_WRONG_KEY = 'AKIAWRONGKEY1234';
  }, 60_000);
  afterAll(async () => {
    process.env = env;
    await store?.close();
  });

  const set = (prefix: string, limits: Record<string, unknown> = {}, accessKeyId = 'env:HARDEN_TEST_S3_KEY') => ({
    name: 'postgres-nightly',
    s3: { bucket: store.bucket, prefix, endpoint: store.endpoint, accessKeyId, secretAccessKey: 'env:HARDEN_TEST_S3_SECRET' },
    maxAge: '26h',
    ...limits,
  });

  it('fails an empty prefix, and the SDK prints no Node.js version warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const results = await runLiveCheck(backupFresh, { targets: {}, backups: [set('pg/')], now: NOW });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'empty', `backup set postgres-nightly holds no backup (s3://backups/pg/ at ${new URL(store.endpoint).host})`]]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  describe('with dated dumps', () => {
    beforeAll(async () => {
      for (const [days, size] of [[31, 4000], [20, 4100], [10, 3900], [3, 4200]] as const) await store.put(`pg/pg-${days}d.dump`, size, daysAgo(days));
      await store.put('pg/pg-10h.dump', 4050, hoursAgo(10));
      await store.put('pg/', 0, hoursAgo(1));
      for (const days of [4, 3, 2]) await store.put(`broken/pg-${days}d.dump`, 4000, daysAgo(days));
      await store.put('broken/pg-10h.dump', 37, hoursAgo(10));
    }, 60_000);

    it('backup/fresh passes a dump 10h old with maxAge 26h and fails it with 6h (folder markers are not backups)', async () => {
      const pass = await runLiveCheck(backupFresh, { targets: {}, backups: [set('pg/')], now: NOW });
      expect(pass.map((r) => [r.status, r.evidence, r.location])).toEqual([['pass', 'newest pg-10h.dump at 2026-12-07T02:00:00.000Z, 10h old', { kind: 'url', url: 's3://backups/pg/' }]]);
      const fail = await runLiveCheck(backupFresh, { targets: {}, backups: [set('pg/', { maxAge: '6h' })], now: NOW });
      expect(fail.map((r) => [r.status, r.messageId])).toEqual([['fail', 'stale']]);
    });

    it('backup/retention passes 30d, fails 45d (deleted early) and 14d (never pruned)', async () => {
      const status = async (retention: string) => (await runLiveCheck(backupRetention, { targets: {}, backups: [set('pg/', { retention })], now: NOW })).map((r) => r.messageId ?? r.status);
      expect(await status('30d')).toEqual(['pass']);
      expect(await status('45d')).toEqual(['tooShort']);
      expect(await status('14d')).toEqual(['notPruned']);
    });

    it('backup/size-stable passes the usual size and fails a dump that collapsed to 37 bytes', async () => {
      const pass = await runLiveCheck(backupSizeStable, { targets: {}, backups: [set('pg/')], now: NOW });
      expect(pass.map((r) => [r.status, r.evidence])).toEqual([['pass', 'newest pg-10h.dump: 4050 bytes, median of the 4 before it 4050 bytes']]);
      const fail = await runLiveCheck(backupSizeStable, { targets: {}, backups: [set('broken/')], now: NOW });
      expect(fail.map((r) => [r.status, r.messageId, r.message])).toEqual([
        ['fail', 'collapsed', `the newest backup of postgres-nightly (pg-10h.dump, 37 bytes) is 99% smaller than the median of the 3 before it (4000 bytes) (s3://backups/broken/ at ${new URL(store.endpoint).host})`],
      ]);
    });

    it('lists every page of a paginated listing', async () => {
      const backups = await listS3Backups({ bucket: store.bucket, prefix: 'pg/', endpoint: store.endpoint, region: 'us-east-1' }, S3RVER_CREDENTIALS, 5000, 2);
      expect(backups.map((b) => b.key)).toEqual(['pg-31d.dump', 'pg-20d.dump', 'pg-10d.dump', 'pg-3d.dump', 'pg-10h.dump']);
    });

    it('reports an error for credentials the store refuses, without them', async () => {
      const results = await runLiveCheck(backupFresh, { targets: {}, backups: [set('pg/', {}, 'env:HARDEN_TEST_S3_WRONG_KEY')], now: NOW });
      expect(results.map((r) => [r.status, r.message])).toEqual([['error', expect.stringContaining('Access Key Id you provided does not exist')]]);
      expect(JSON.stringify(results)).not.toContain('AKIAWRONGKEY1234');
    });
  });
});

describe('backup checks on restic (a real repository, snapshots taken with --time)', () => {
  let repo: ResticRepository;
  const env = { ...process.env };
  beforeAll(() => {
    repo = createResticRepository();
    for (const days of [31, 10]) repo.backup(daysAgo(days), { tags: ['pg'] });
    repo.backup(hoursAgo(10), { tags: ['pg'] });
    repo.backup(hoursAgo(1), { tags: ['redis'], host: 'node-2' });
    process.env.HARDEN_TEST_RESTIC_PASSWORD = repo.password;
    process.env.HARDEN_TEST_RESTIC_WRONG = 'not-the-restic-password';
  }, 120_000);
  afterAll(() => {
    process.env = env;
    repo?.remove();
  });

  const set = (restic: Record<string, unknown>, limits: Record<string, unknown> = {}) => ({
    name: 'pg-restic',
    restic: { repository: repo.path, password: 'env:HARDEN_TEST_RESTIC_PASSWORD', ...restic },
    maxAge: '6h',
    ...limits,
  });

  it('backup/fresh reads the snapshots of the set\'s tags and host only', async () => {
    const all = await runLiveCheck(backupFresh, { targets: {}, backups: [set({})], now: NOW });
    expect(all.map((r) => [r.status, r.location])).toEqual([['pass', { kind: 'url', url: `restic:${repo.path}` }]]);
    const pg = await runLiveCheck(backupFresh, { targets: {}, backups: [set({ tags: ['pg'], host: 'node-1' })], now: NOW });
    expect(pg.map((r) => [r.status, r.messageId, r.message.replace(/\([0-9a-f]{8}\)/, '(ID)')])).toEqual([
      ['fail', 'stale', `the newest backup of pg-restic (ID) is 10h old, older than maxAge 6h (restic:${repo.path})`],
    ]);
  });

  it('backup/retention passes 30d and fails 14d on the oldest snapshot', async () => {
    const status = async (retention: string) => (await runLiveCheck(backupRetention, { targets: {}, backups: [set({ tags: ['pg'] }, { retention })], now: NOW })).map((r) => r.messageId ?? r.status);
    expect(await status('30d')).toEqual(['pass']);
    expect(await status('14d')).toEqual(['notPruned']);
  });

  it('reports an error for a wrong password, which never appears in the result', async () => {
    const results = await runLiveCheck(backupFresh, { targets: {}, backups: [set({ password: 'env:HARDEN_TEST_RESTIC_WRONG' })], now: NOW });
    expect(results.map((r) => [r.status, r.message.includes('restic snapshots failed')])).toEqual([['error', true]]);
    expect(JSON.stringify(results)).not.toContain('not-the-restic-password');
  });
});
