import type { Backup } from './backup-set.js';

/** An object or file found under a set's prefix or folder, by its path below it. */
export interface StoredEntry {
  readonly path: string;
  readonly time: Date;
  readonly size: number;
}

/**
 * Entries as backups. A folder named like a run (its name holds a digit: `2026-11-01/`,
 * `20261207-030000F/` of pgBackRest, `base_000000010000000000000002/` of WAL-G, rsnapshot's
 * `daily.0/`) is one backup, as old as its newest entry and as large as all of them; files
 * beside such folders are the tool's metadata (`backup.info`, `*_backup_stop_sentinel.json`),
 * not backups. Any other file, under category folders too (`daily/`, `weekly/`, `last/` of
 * postgres-backup-local), is a backup by itself. Oldest first.
 */
export function groupBackups(entries: readonly StoredEntry[]): Backup[] {
  const keyed = entries.map((entry) => ({ entry, key: backupKey(entry.path) }));
  const runParents = new Set(keyed.filter(({ key }) => key.endsWith('/')).map(({ key }) => parentOf(key.slice(0, -1))));
  const groups = new Map<string, { time: Date; size: number }>();
  for (const { entry, key } of keyed) {
    if (!key.endsWith('/') && runParents.has(parentOf(key))) continue;
    const group = groups.get(key);
    if (!group) groups.set(key, { time: entry.time, size: entry.size });
    else {
      group.size += entry.size;
      if (entry.time > group.time) group.time = entry.time;
    }
  }
  return sortBackups([...groups].map(([key, { time, size }]) => ({ key, time, size })));
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The path up to the first folder named like a run, else the whole path. */
function backupKey(path: string): string {
  const folders = path.split('/').slice(0, -1);
  const run = folders.findIndex((folder) => /\d/.test(folder));
  return run === -1 ? path : `${folders.slice(0, run + 1).join('/')}/`;
}

export function sortBackups(backups: Backup[]): Backup[] {
  return backups.sort((a, b) => a.time.getTime() - b.time.getTime() || a.key.localeCompare(b.key));
}
