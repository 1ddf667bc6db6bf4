import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely';
import type { Connection } from './connection.js';
import { explainSqlite } from './errors.js';
import { StoreError } from '../monitor/store.js';
import type { Tables } from './tables.js';

export interface SqliteOptions {
  /** Caps the file at this many pages (PRAGMA max_page_count): a write past it fails like a full disk. */
  maxPages?: number;
  busyTimeoutMs?: number;
  /** Read only (status, history): nothing is created or written, not even the WAL's -shm file. */
  readOnly?: boolean;
}

/**
 * kysely's SQLite dialect, with two corrections: SQLite does run DDL in transactions (a
 * migration and its record commit together, or neither does), and after a full disk or an
 * I/O error SQLite has already rolled the transaction back, so a second ROLLBACK would fail
 * and hide the real error.
 */
class HardenSqliteDialect extends SqliteDialect {
  constructor(private readonly native: Database.Database) {
    super({ database: native });
  }

  override createAdapter(): DialectAdapter {
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl(): boolean {
        return true;
      }
    })();
  }

  override createDriver(): Driver {
    const native = this.native;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (native.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: native });
  }
}

/**
 * Opens (creating it and its folder) the SQLite file at `path` in WAL mode; with `readOnly`,
 * opens it for reading only, creating nothing.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): Connection {
  const file = resolve(path);
  const explain = (error: unknown) => explainSqlite(error, file);
  if (isDirectory(file)) throw new StoreError(`database ${file} is a directory, not a SQLite file; set monitoring.database (or --database) to a file path`);
  const { native, readOnly } = options.readOnly ? openForReading(file, options) : { native: openForWriting(file, options), readOnly: false };
  const opened = fileIdentity(file);
  const db = new Kysely<Tables>({ dialect: new HardenSqliteDialect(native) });
  const pragma = (text: string) => native.pragma(text, { simple: true }) as number;

  return {
    engine: 'sqlite',
    db,
    where: file,
    readOnly,
    explain,
    transient: () => false,
    async sizeBytes() {
      let bytes = 0;
      for (const suffix of ['', '-wal']) {
        try {
          bytes += statSync(file + suffix).size;
        } catch {
          /* no WAL file right now */
        }
      }
      return bytes;
    },
    async integrityCheck(quick) {
      const rows = native.pragma(quick ? 'quick_check' : 'integrity_check') as Record<string, string>[];
      return rows.map((row) => Object.values(row)[0]!).filter((line) => line !== 'ok');
    },
    checkStillThere() {
      const now = fileIdentity(file);
      if (now === opened) return;
      throw new StoreError(
        now === undefined
          ? `database ${file} was deleted while the monitor ran; stopping before more history goes to a file nobody can read (restore it, or restart to begin a new one)`
          : `database ${file} was replaced by another file while the monitor ran; stopping before more history goes to the old one (restart to use the new file)`,
      );
    },
    async reclaim() {
      const free = pragma('freelist_count');
      const pages = pragma('page_count');
      // Free pages are reused by the next inserts; give back only a large surplus, keeping 10% as slack.
      if (free > 1024 && free > pages / 4) native.pragma(`incremental_vacuum(${free - Math.floor(pages / 10)})`);
      native.pragma('wal_checkpoint(PASSIVE)');
    },
    async close() {
      await db.destroy();
    },
  };
}

function openForWriting(file: string, options: SqliteOptions): Database.Database {
  const explain = (error: unknown) => explainSqlite(error, file);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError(`cannot create the folder ${dirname(file)} for database ${file} (${code}); create it or set monitoring.database to a writable path`, { cause: error });
  }
  let native: Database.Database;
  try {
    native = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreError(explain(error) ?? `cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // auto_vacuum only takes effect on a new file (before the first table): pruned pages can then be released.
    native.pragma('auto_vacuum = INCREMENTAL');
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    native.pragma('journal_size_limit = 16777216');
    if (options.maxPages !== undefined) native.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    native.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    native.close();
    throw new StoreError(explain(error) ?? `cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  return native;
}

/**
 * For status and history: the file opened read-only. A WAL database needs its -shm file, which
 * a read-only folder cannot get: then (when no WAL holds unwritten pages) a copy of the file is
 * read in memory. No file yet: an empty database in memory, as nothing was recorded.
 */
function openForReading(file: string, options: SqliteOptions): { native: Database.Database; readOnly: boolean } {
  if (!existsSync(file)) return { native: new Database(':memory:'), readOnly: false };
  let native: Database.Database | undefined;
  try {
    native = new Database(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
    native.prepare('SELECT count(*) FROM sqlite_master').get();
    return { native, readOnly: true };
  } catch (error) {
    native?.close();
    const code = (error as { code?: string }).code ?? '';
    if ((code === 'SQLITE_READONLY_DIRECTORY' || code.startsWith('SQLITE_CANTOPEN')) && !hasWalPages(file)) return { native: inMemoryCopy(file), readOnly: false };
    throw new StoreError(explainSqlite(error, file) ?? `cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function hasWalPages(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** The file's bytes as an in-memory database; a WAL file (header bytes 18-19 = 2) marked as a rollback-journal one, which it is without its WAL. */
function inMemoryCopy(file: string): Database.Database {
  const bytes = readFileSync(file);
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  try {
    return new Database(bytes);
  } catch (error) {
    throw new StoreError(explainSqlite(error, file) ?? `cannot read database ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The file's device and inode ("dev:ino"), undefined when it does not exist: which file a path names. */
function fileIdentity(path: string): string | undefined {
  try {
    const { dev, ino } = statSync(path);
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
