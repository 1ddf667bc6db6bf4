import { formatDuration, formatElapsed, parseDuration } from '../../duration.js';
import { BACKUP_FRESH_NAMES } from '../../targets/backup/claims.js';
import { defineCheck } from '../define.js';

export const backupFresh = defineCheck({
  id: 'backup/fresh',
  title: 'The newest backup is younger than its schedule allows',
  severity: 'high',
  target: 'backup-set',
  why:
    'A backup job fails quietly: a full disk, an expired credential, a cron line lost in a rebuild, a dump that now needs a password. Nobody looks ' +
    'until the day a restore is needed, and then the newest backup is months old. The check lists the set (S3 objects under the prefix, restic ' +
    'snapshots, files in the folder) and fails when the newest is older than the plan\'s `maxAge` (a nightly job: 26h, the schedule plus slack), ' +
    'or when the set holds nothing at all.',
  fix:
    'Find why the job stopped (its logs, the cron/systemd timer, the credentials it uses), run it once by hand, and alert on its failure: a dead man\'s ' +
    'switch (healthchecks.io, a Prometheus `time() - last_success > …` alert) catches the next silent stop. Keep `maxAge` at the schedule plus slack.',
  refs: ['CIS Controls v8 11.2 Perform Automated Backups', 'NIST SP 800-34 Rev. 1 Contingency Planning Guide, 3.4.2 Backup and Recovery', 'OWASP ASVS 4.0 V8.1.6 (backups)'],
  messages: {
    stale: 'the newest backup of {name} ({key}) is {age} old, older than maxAge {maxAge} ({where})',
    empty: 'backup set {name} holds no backup ({where})',
  },
  claims: [{ about: 'backups are taken on schedule', names: BACKUP_FRESH_NAMES }],
  async evaluate(set, ctx) {
    const backups = await set.list();
    const newest = backups.at(-1);
    if (!newest) {
      ctx.fail(set.location, 'empty', { name: set.name, where: set.where });
      return;
    }
    const maxAgeMs = parseDuration(set.config.maxAge)!;
    const ageMs = Math.max(0, set.now.getTime() - newest.time.getTime());
    ctx.computed({ newest: newest.time.toISOString(), ageSeconds: Math.round(ageMs / 1000), backups: backups.length });
    if (ageMs > maxAgeMs)
      ctx.fail(set.location, 'stale', { name: set.name, key: newest.key, age: formatElapsed(ageMs), maxAge: formatDuration(maxAgeMs), where: set.where }, newest.time.toISOString());
    else ctx.measured(`newest ${newest.key} at ${newest.time.toISOString()}, ${formatElapsed(ageMs)} old`);
  },
});
