import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { explainSqlite } from '../store/errors.js';
import { StoreError } from '../store/store.js';

/**
 * One daemon per SQLite database: a `DATABASE.lock` file holding the owner's pid. A lock
 * left by a process that no longer runs (kill -9) is taken over.
 */
export function lockDatabase(database: string): () => void {
  const file = `${database}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(dirname(database), { recursive: true });
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreError(explainSqlite(error, database) ?? `cannot create ${file}: ${(error as Error).message}`, { cause: error });
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && running(owner))
        throw new InputError([`another harden monitor (pid ${owner}) is using ${database}; stop it first (monitor status and monitor history can run alongside)`]);
      rmSync(file, { force: true });
    }
  }
  throw new InputError([`cannot take the lock ${file}; remove it if no harden monitor is running`]);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
