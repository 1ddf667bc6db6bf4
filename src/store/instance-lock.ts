import { lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { explainSqlite } from './errors.js';
import { StoreError } from '../monitor/store.js';

/** Who holds a lock: the pid, and when that process started (to tell it from a later process given the same pid). */
interface Owner {
  pid: number;
  /** /proc/PID/stat's start time (clock ticks since boot); absent in locks written without /proc. */
  startedAt?: string;
}

/**
 * One daemon per SQLite database: `DATABASE.lock` next to the database's real path (a symlink
 * to the database leads to the same lock), holding the owner's pid and start time. A lock is
 * taken over when its process no longer runs, or when its pid now belongs to another process.
 */
export function lockDatabase(database: string): () => void {
  try {
    mkdirSync(dirname(database), { recursive: true });
  } catch (error) {
    throw new StoreError(explainSqlite(error, database) ?? `cannot create the folder of ${database}: ${(error as Error).message}`, { cause: error });
  }
  const file = `${realFile(database)}.lock`;
  const me = `${process.pid}\n${startTime(process.pid) ?? ''}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreError(explainSqlite(error, database) ?? `cannot create ${file}: ${(error as Error).message}`, { cause: error });
      const owner = readOwner(file);
      if (owner && owner.pid !== process.pid && stillOwns(owner))
        throw new InputError([`another harden monitor (pid ${owner.pid}) is using ${database}; stop it first (monitor status and monitor history can run alongside; to serve pages beside it, run "harden serve --no-monitor")`]);
      rmSync(file, { force: true });
    }
  }
  throw new InputError([`cannot take the lock ${file}; remove it if no harden monitor is running`]);
}

/** The lock's owner; undefined when it holds none (a half-written lock). Throws when the lock path is not a file. */
function readOwner(file: string): Owner | undefined {
  if (!lstatSync(file).isFile()) throw new InputError([`${file} is in the way of the database lock: it is not a file; remove it (harden creates the lock)`]);
  const [pid, startedAt] = readFileSync(file, 'utf8').split('\n');
  const owner: Owner = { pid: Number(pid) };
  if (startedAt) owner.startedAt = startedAt;
  return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
}

/** Whether the lock's process still runs: the same pid, started at the same time. */
function stillOwns(owner: Owner): boolean {
  if (!running(owner.pid)) return false;
  const startedAt = startTime(owner.pid);
  if (owner.startedAt !== undefined && startedAt !== undefined) return startedAt === owner.startedAt;
  // A lock without a start time: the command line tells whether the pid is a harden monitor.
  const command = commandLine(owner.pid);
  return command === undefined || (/harden/.test(command) && /\bmonitor\b/.test(command));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (after the parenthesised command name, which may hold spaces); undefined without /proc. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** The path with every symlink resolved, also when the database (or a link's target) does not exist yet. */
function realFile(path: string, depth = 0): string {
  try {
    return realpathSync(path);
  } catch {
    // A dangling link is followed to where the database will be created.
    const link = readLinkOrUndefined(path);
    if (link !== undefined && depth < 40) return realFile(resolve(dirname(path), link), depth + 1);
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

function readLinkOrUndefined(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
