import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../testing/live-cases.js';
import { backupRestoreDrill } from './restore-drill.js';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('backup/restore-drill (drills recorded in the plan; the store is not read)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'harden-backup-drill-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const run = (set: Record<string, unknown>) => runLiveCheck(backupRestoreDrill, { targets: {}, backups: [{ name: 'pg', directory: folder, maxAge: '26h', ...set }], now: NOW });

  it('passes when the newest drill is within restoreDrill, whatever the order they are written in', async () => {
    const results = await run({ restoreDrill: '90d', drills: [{ on: '2026-10-02', by: 'alice', note: 'restored to staging, 41 min' }, { on: '2026-04-01' }] });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', 'last drill on 2026-10-02']]);
  });

  it('fails when the newest drill is older than restoreDrill', async () => {
    const results = await run({ restoreDrill: '90d', drills: [{ on: '2026-04-01' }, { on: '2026-08-15', by: 'bob' }] });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([
      ['fail', 'overdue', 'the last restore drill of backup set pg was on 2026-08-15, 114 days ago, longer than restoreDrill 90d'],
    ]);
  });

  it('fails when no drill is recorded', async () => {
    const results = await run({ restoreDrill: '13w' });
    expect(results.map((r) => [r.status, r.messageId, r.message])).toEqual([['fail', 'none', 'no restore drill is recorded for backup set pg (restoreDrill: 13w)']]);
  });

  it('gives no result when the set asks for no drills', async () => {
    expect(await run({ drills: [{ on: '2026-10-02' }] })).toEqual([]);
  });
});
