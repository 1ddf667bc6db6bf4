import { z } from 'zod';
import { BACKUP_SIZE_NAMES } from '../../targets/backup/claims.js';
import { defineCheck } from '../define.js';

/** Fewer earlier backups than this say nothing about the usual size. */
const MIN_COMPARED = 3;

export const backupSizeStable = defineCheck({
  id: 'backup/size-stable',
  title: 'The newest backup is not much smaller than the recent ones',
  severity: 'high',
  target: 'backup-set',
  why:
    'A backup that "succeeded" can hold nothing: pg_dump of an empty database after a botched migration, a tar of a folder that was not mounted, ' +
    'a job that wrote its error message instead of the dump. The freshness check passes such a file. Databases rarely shrink by an order of ' +
    'magnitude overnight, so the newest backup far below the median of the recent ones (by default 90% smaller than the median of the previous 7) is ' +
    'taken as broken until someone looks. Sizes come from the store (object and file sizes, restic 0.17+ snapshot summaries); without sizes the check does not apply.',
  fix:
    'Open the newest backup and check it holds the data (restore it to a scratch database, list the archive). Make the job fail loudly on an empty ' +
    'or truncated dump (`set -o pipefail`, check pg_dump\'s exit status, compare the size with the last one before uploading). When the data really ' +
    'shrank (a purge), the check passes again once the new size is the usual one.',
  refs: ['CIS Controls v8 11.5 Test Data Recovery', 'NIST SP 800-34 Rev. 1, 3.4.2 Backup and Recovery'],
  messages: {
    collapsed: 'the newest backup of {name} ({key}, {size} bytes) is {drop}% smaller than the median of the {count} before it ({median} bytes) ({where})',
  },
  options: z.object({
    /** How much smaller than the median the newest may be, as a fraction: 0.9 fails a backup at a tenth of the usual size or less. */
    maxDrop: z.number().gt(0).lt(1).default(0.9),
    /** How many earlier backups make the median. */
    recent: z.number().int().min(MIN_COMPARED).default(7),
  }).strict(),
  claims: [{ about: 'backups are not empty or truncated', names: BACKUP_SIZE_NAMES }],
  async evaluate(set, ctx, options) {
    const backups = await set.list();
    const newest = backups.at(-1);
    const earlier = backups.slice(0, -1).slice(-options.recent).flatMap((backup) => (backup.size === undefined ? [] : [backup.size]));
    if (newest?.size === undefined || earlier.length < MIN_COMPARED) {
      ctx.notApplicable();
      return;
    }
    const median = medianOf(earlier);
    if (median === 0) {
      ctx.notApplicable();
      return;
    }
    const drop = 1 - newest.size / median;
    ctx.computed({ size: newest.size, median, compared: earlier.length });
    if (drop >= options.maxDrop)
      ctx.fail(set.location, 'collapsed', { name: set.name, key: newest.key, size: newest.size, drop: Math.floor(drop * 100), count: earlier.length, median, where: set.where });
    else ctx.measured(`newest ${newest.key}: ${newest.size} bytes, median of the ${earlier.length} before it ${median} bytes`);
  },
});

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}
