import type { Target } from '../target.js';
import type { BackupSetConfig } from './schema.js';

/** One backup of a set: an object (or a folder of objects), a restic snapshot, a file (or a folder of files). */
export interface Backup {
  /** The object key under the prefix, the snapshot's short id, the file name. */
  readonly key: string;
  readonly time: Date;
  /** Bytes; undefined when the store does not say (restic before 0.17 records no snapshot summary). */
  readonly size?: number;
}

/**
 * A backup set of the plan (`backups:`). Its backups are listed once, read-only, and shared by
 * every check; a listing that cannot be done (bucket unreachable, wrong password) rejects, and
 * the check's result is an error.
 */
export interface BackupSetTarget extends Target {
  readonly name: string;
  readonly config: BackupSetConfig;
  /** Where the set lives, for messages: s3://bucket/prefix, restic:/srv/restic, /var/backups/pg (never a credential). */
  readonly where: string;
  /** The run's clock (`--now`), which ages are measured against. */
  readonly now: Date;
  /** The backups, oldest first. */
  list(): Promise<readonly Backup[]>;
}

/** At most this many objects, files or snapshots are listed per set: past it the listing is an error, not a guess. */
export const MAX_BACKUPS_LISTED = 10_000;
