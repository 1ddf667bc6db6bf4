import type { Claim } from '../../claim.js';

/*
 * What plan items say about backups, for `harden link`: "nightly Postgres dumps to S3",
 * "30-day retention", "restore tested quarterly", "offsite backups".
 */

const BACKUPS = ['backup*', 'back up', 'back-ups', 'dump*', 'mysqldump', 'mongodump', 'snapshot*', 'restic', 'borg', 'pgbackrest', 'wal-g', 'barman', 'velero'];
const SCHEDULED = ['nightly', 'daily', 'hourly', 'weekly', 'cron*', 'schedul*', 'automat*', 'regular*'];

/** A backup is taken on a schedule and is recent ("nightly Postgres dumps to S3", "automated daily backups", "offsite backups"). */
export const BACKUP_FRESH_NAMES: Claim['names'] = [
  ...BACKUPS.flatMap((backup) => SCHEDULED.map((when) => [backup, when])),
  ['offsite', 'backup*'],
  ['off-site', 'backup*'],
  ['backup*', 'S3'],
  ['backup*', 'bucket'],
  ['dump*', 'S3'],
];

/** Backups are kept as long as promised, and pruned after ("30-day retention", "keep 7 daily snapshots"). */
export const BACKUP_RETENTION_NAMES: Claim['names'] = [
  ...BACKUPS.map((backup) => [backup, 'retention']),
  ...BACKUPS.map((backup) => [backup, 'retain*']),
  ...BACKUPS.map((backup) => [backup, 'prun*']),
  ...BACKUPS.map((backup) => [backup, 'lifecycle']),
  ['backup*', 'expir*'],
  ['keep', 'daily'],
  'restic forget',
];

/** Backups are not silently broken: a dump that shrank to nothing ("verify backup size", "backup integrity"). */
export const BACKUP_SIZE_NAMES: Claim['names'] = [
  ...BACKUPS.map((backup) => [backup, 'size']),
  ...BACKUPS.map((backup) => [backup, 'integrity']),
  ...BACKUPS.map((backup) => [backup, 'empty']),
  ...BACKUPS.map((backup) => [backup, 'truncat*']),
];

/** Restores are practised ("backups tested", "restore drill", "DR exercise"). */
export const RESTORE_DRILL_NAMES: Claim['names'] = [
  ['restore*', 'drill*'],
  ['restore*', 'test*'],
  ['restore*', 'rehears*'],
  ['restore*', 'exercis*'],
  ['restore*', 'practi*'],
  ['restore*', 'verif*'],
  ['backup*', 'tested'],
  ['backup*', 'test restor*'],
  ['disaster recovery', 'drill*'],
  ['disaster recovery', 'exercis*'],
  ['DR', 'drill*'],
  'game day',
  'restorability',
];
