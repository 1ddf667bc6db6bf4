import { z } from 'zod';
import { parseDate } from '../../calendar-date.js';
import { formatDuration, formatElapsed, parseDuration } from '../../duration.js';
import { BACKUP_RETENTION_NAMES } from '../../targets/backup/claims.js';
import { defineCheck } from '../define.js';

const HOUR_MS = 3_600_000;

export const backupRetention = defineCheck({
  id: 'backup/retention',
  title: 'Backups are kept as long as the retention says, and pruned after it',
  severity: 'medium',
  target: 'backup-set',
  why:
    'Retention is a promise both ways. Backups deleted early leave nothing to restore from when corruption or a compromise is found weeks later; ' +
    'backups never pruned keep personal data past what the privacy policy says (GDPR storage limitation) and grow the bill, and they show the ' +
    'retention the team wrote down is enforced by no lifecycle rule or `restic forget`. The check reads the oldest backup the set holds: it must be ' +
    'at least `retention` old, and not older than `retention` plus a tolerance (by default the larger of maxAge and a tenth of the retention, in whole hours).',
  fix:
    'Enforce the retention where the backups live: an S3 lifecycle rule expiring objects under the prefix after the retention (`Expiration: Days`), ' +
    '`restic forget --keep-within 30d --prune` after each backup, `find /var/backups/pg -mtime +30 -delete` in the job. When backups vanish early, ' +
    'look for a lifecycle rule or a prune shorter than the promise.',
  refs: ['CIS Controls v8 11.1 Establish and Maintain a Data Recovery Process (retention)', 'GDPR Art. 5(1)(e) storage limitation', 'NIST SP 800-34 Rev. 1, 3.4.2'],
  messages: {
    tooShort: 'the oldest backup of {name} ({key}) is {age} old, younger than retention {retention}: backups are deleted early, or the set began less than {retention} ago (then say when: since:) ({where})',
    notPruned: 'the oldest backup of {name} ({key}) is {age} old, beyond retention {retention} (+{tolerance}): nothing prunes the set ({where})',
  },
  options: z.object({
    /** How far past the retention the oldest backup may be (pruning runs on a schedule too); by default the larger of maxAge and a tenth of the retention. */
    tolerance: z.string().refine((text) => parseDuration(text) !== undefined, 'expected a duration: 2d').optional(),
  }).strict(),
  claims: [{ about: 'backup retention is enforced', names: BACKUP_RETENTION_NAMES }],
  async evaluate(set, ctx, options) {
    if (set.config.retention === undefined) {
      ctx.notApplicable();
      return;
    }
    const oldest = (await set.list())[0];
    if (!oldest) {
      ctx.notApplicable();
      return;
    }
    const retentionMs = parseDuration(set.config.retention)!;
    const toleranceMs = options.tolerance === undefined ? Math.max(parseDuration(set.config.maxAge)!, Math.ceil(retentionMs / 10 / HOUR_MS) * HOUR_MS) : parseDuration(options.tolerance)!;
    const ageMs = Math.max(0, set.now.getTime() - oldest.time.getTime());
    const data = { name: set.name, key: oldest.key, age: formatElapsed(ageMs), retention: formatDuration(retentionMs), tolerance: formatDuration(toleranceMs), where: set.where };
    ctx.computed({ oldest: oldest.time.toISOString(), ageSeconds: Math.round(ageMs / 1000) });
    const since = set.config.since === undefined ? undefined : parseDate(set.config.since);
    if (ageMs < retentionMs && since && set.now.getTime() - since.getTime() < retentionMs)
      ctx.measured(`the set began on ${set.config.since}, less than ${data.retention} ago: its oldest backup ${oldest.key} is ${data.age} old`);
    else if (ageMs < retentionMs) ctx.fail(set.location, 'tooShort', data, oldest.time.toISOString());
    else if (ageMs > retentionMs + toleranceMs) ctx.fail(set.location, 'notPruned', data, oldest.time.toISOString());
    else ctx.measured(`oldest ${oldest.key} at ${oldest.time.toISOString()}, ${formatElapsed(ageMs)} old`);
  },
});
