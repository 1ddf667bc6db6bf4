import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_BACKUPS_LISTED, type Backup } from './backup-set.js';
import { groupBackups, type StoredEntry } from './group.js';

/** How deep below a set's folder files are read (a folder per day holding a folder of WAL segments). */
const MAX_DEPTH = 4;

/**
 * The backups in a folder where harden runs: its files by mtime and size, grouped as
 * groupBackups says. Hidden entries (`.lock`, `.partial`) and symbolic links (`db-latest.sql.gz`)
 * are not backups, and a file hard-linked under several names (`last/` and `daily/`) is one; a
 * missing folder is an error (the path is wrong or the disk is not mounted).
 */
export async function listDirectoryBackups(folder: string): Promise<Backup[]> {
  const entries: StoredEntry[] = [];
  const seen = new Set<string>();
  const walk = async (relative: string, depth: number): Promise<void> => {
    const names = (await readdir(join(folder, relative), { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of names) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (entry.isFile()) {
        const stat = await lstat(join(folder, path));
        const inode = `${stat.dev}:${stat.ino}`;
        if (stat.nlink > 1 && seen.has(inode)) continue;
        seen.add(inode);
        entries.push({ path, time: stat.mtime, size: stat.size });
        if (entries.length > MAX_BACKUPS_LISTED) throw new Error(`${folder} holds more than ${MAX_BACKUPS_LISTED} files: point the set at a narrower folder`);
      }
    }
  };
  await walk('', 0);
  return groupBackups(entries);
}
