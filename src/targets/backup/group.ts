import type { Backup } from './backup-set.js';

/** An object or file found under a set's prefix or folder, by its path below it. */
export interface StoredEntry {
  readonly path: string;
  readonly time: Date;
  readonly size: number;
}

/**
 * Entries as backups: one directly under the prefix or folder is a backup by itself; those under
 * a subfolder (`2026-11-01/base.tar.gz`, `2026-11-01/wal/…`) make one backup together, as old as
 * its newest entry and as large as all of them. Oldest first.
 */
export function groupBackups(entries: readonly StoredEntry[]): Backup[] {
  const groups = new Map<string, { time: Date; size: number }>();
  for (const entry of entries) {
    const slash = entry.path.indexOf('/');
    const key = slash === -1 ? entry.path : `${entry.path.slice(0, slash)}/`;
    const group = groups.get(key);
    if (!group) groups.set(key, { time: entry.time, size: entry.size });
    else {
      group.size += entry.size;
      if (entry.time > group.time) group.time = entry.time;
    }
  }
  return sortBackups([...groups].map(([key, { time, size }]) => ({ key, time, size })));
}

export function sortBackups(backups: Backup[]): Backup[] {
  return backups.sort((a, b) => a.time.getTime() - b.time.getTime() || a.key.localeCompare(b.key));
}
