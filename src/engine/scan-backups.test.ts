import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { domainsReading, loadCatalog } from '../checks/domains.js';
import { parsePlan } from '../plan/load.js';
import { writeBackupFile } from '../testing/backup-stores.js';
import { dedent } from '../testing/dedent.js';
import { DEFAULT_ENGINE_OPTIONS } from './run.js';
import { scan } from './scan.js';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('a scan with backups: in the plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-scan-backups-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the backup checks for the plan\'s sets read against the run\'s clock, with items verified', async () => {
    writeBackupFile(join(dir, 'dumps'), 'pg-2026-12-07.sql.gz', 2000, new Date('2026-12-07T03:00:00Z'));
    const file = join(dir, 'harden.yaml');
    const text = dedent`
      backups:
        - name: postgres-nightly
          directory: dumps
          maxAge: 26h
          restoreDrill: 90d
          drills: [{ on: 2026-08-01, by: alice }]
      items:
        - { id: B1, title: Nightly Postgres dumps, status: done, checks: [backup/fresh] }
        - { id: B2, title: Quarterly restore drill, status: done, checks: [backup/restore-drill] }
    `;
    writeFileSync(file, text);
    const plan = parsePlan(text, file, { catalog, now: NOW });
    const loaded: string[] = [];
    const run = await scan({
      catalog: async (present) => {
        const domains = domainsReading(present);
        loaded.push(...domains);
        return loadCatalog(domains);
      },
      root: dir,
      plan,
      selection: { only: [], skip: [] },
      verify: true,
      now: NOW,
      engine: DEFAULT_ENGINE_OPTIONS,
    });
    expect(loaded).toContain('backup');
    expect([...run.results].filter((r) => r.checkId.startsWith('backup/')).map((r) => [r.checkId, r.status, r.target]).sort()).toEqual([
      ['backup/fresh', 'pass', 'backup:postgres-nightly'],
      ['backup/restore-drill', 'fail', 'backup:postgres-nightly'],
    ]);
    expect(run.verdicts?.map((v) => [v.item, v.verdict]).sort()).toEqual([
      ['B1', 'verified'],
      ['B2', 'regression'],
    ]);
  });
});
