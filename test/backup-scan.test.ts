import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS, startS3rver, type S3Store } from '../src/testing/backup-stores.js';

const BIN = resolve('bin/harden.js');

describe('harden scan on a plan with a backup set in S3 (the built CLI, s3rver on 127.0.0.1)', () => {
  let store: S3Store;
  let dir: string;
  beforeAll(async () => {
    store = await startS3rver();
    for (const days of [31, 3, 2]) await store.put(`pg/dump-${days}d.sql.gz`, 5000, new Date(Date.parse('2026-12-07T12:00:00Z') - days * 86_400_000));
    await store.put('pg/dump-10h.sql.gz', 12, new Date('2026-12-07T02:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'harden-backup-cli-'));
    writeFileSync(
      join(dir, 'harden.yaml'),
      `backups:\n  - name: postgres-nightly\n    s3: { bucket: backups, prefix: pg/, endpoint: "${store.endpoint}", accessKeyId: env:BACKUP_KEY_ID, secretAccessKey: env:BACKUP_SECRET }\n    maxAge: 26h\n    retention: 30d\n`,
    );
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the bucket from the bundle (the SDK is CommonJS there), with no SDK warning and no credential in the output', () => {
    const env = { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-12-07T12:00:00Z', BACKUP_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, BACKUP_SECRET: 'harden-test-backup-secret' };
    const run = spawnSync(process.execPath, [BIN, 'scan', '--plan', 'harden.yaml', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8', env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('backup/size-stable  the newest backup of postgres-nightly (dump-10h.sql.gz, 12 bytes) is 99% smaller');
    expect(run.stdout).toMatch(/1 failure .* 3 passed/);
    expect(run.stderr).toBe('');
    expect(run.stdout + run.stderr).not.toContain('harden-test-backup-secret');
  });
});
