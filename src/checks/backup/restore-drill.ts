import { parseDate } from '../../calendar-date.js';
import { formatDuration, parseDuration } from '../../duration.js';
import { RESTORE_DRILL_NAMES } from '../../targets/backup/claims.js';
import { defineCheck } from '../define.js';

const DAY_MS = 86_400_000;

export const backupRestoreDrill = defineCheck({
  id: 'backup/restore-drill',
  title: 'A restore drill is recorded within the plan\'s interval',
  severity: 'medium',
  target: 'backup-set',
  why:
    'A backup never restored is a hope: the dump may lack a schema, the key to decrypt it may be lost, the restore may take two days the business ' +
    'does not have. Only doing it shows it works and how long it takes. The team records each drill in the plan (`drills:` of the set: a date, who, ' +
    'what happened); the check fails when the newest is older than `restoreDrill` (90d: quarterly), or when none is recorded.',
  fix:
    'Restore the newest backup into a scratch environment (a staging database, a throwaway VM), check the data (row counts, a login), time it, and record ' +
    'it under the set: `drills: [{ on: 2026-10-02, by: alice, note: "restored to staging, 41 min" }]`. Put the next one in the calendar.',
  refs: ['CIS Controls v8 11.5 Test Data Recovery', 'NIST SP 800-34 Rev. 1, 3.5 Plan Testing, Training, and Exercises', 'ISO/IEC 27001:2022 A.8.13 Information backup'],
  messages: {
    none: 'no restore drill is recorded for backup set {name} (restoreDrill: {interval})',
    overdue: 'the last restore drill of backup set {name} was on {on}, {days} days ago, longer than restoreDrill {interval}',
  },
  claims: [{ about: 'restores are drilled', names: RESTORE_DRILL_NAMES }],
  evaluate(set, ctx) {
    if (set.config.restoreDrill === undefined) {
      ctx.notApplicable();
      return;
    }
    const intervalMs = parseDuration(set.config.restoreDrill)!;
    const interval = formatDuration(intervalMs);
    const latest = set.config.drills.map((drill) => drill.on).sort().at(-1);
    if (latest === undefined) {
      ctx.fail(set.location, 'none', { name: set.name, interval });
      return;
    }
    const ageMs = set.now.getTime() - parseDate(latest).getTime();
    ctx.computed({ lastDrill: latest });
    if (ageMs > intervalMs) ctx.fail(set.location, 'overdue', { name: set.name, on: latest, days: Math.floor(ageMs / DAY_MS), interval });
    else ctx.measured(`last drill on ${latest}`);
  },
});
