import { StoreError } from '../monitor/store.js';

/** A PostgreSQL URL fit for messages: the password replaced by ****. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1****@');
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a SQLite (or file system) error means for the database at `path`, or undefined for anything else. */
export function explainSqlite(error: unknown, path: string): string | undefined {
  const code = codeOf(error);
  if (!code) return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `database ${path} cannot grow: the disk is full (${code}); free space or set monitoring.database to a larger disk`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return `database ${path} is read-only (${code}); make the file and its folder writable by this user, or set monitoring.database to a writable path`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `cannot open database ${path} (${code}); check that its folder exists and is writable by this user`;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return `database ${path} is corrupt or not a SQLite database (${code}); move it aside (a new one is created) or restore a backup`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `database ${path} is locked by another process (${code}); is another harden monitor running on it?`;
  if (code.startsWith('SQLITE_IOERR')) return `I/O error on database ${path} (${code}): ${messageOf(error)}; check the disk`;
  if (code.startsWith('SQLITE_')) return `database ${path}: ${messageOf(error)} (${code})`;
  return undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** What a PostgreSQL (pg driver) error means for the server at `where` (a masked URL), or undefined. */
export function explainPostgres(error: unknown, where: string): string | undefined {
  const code = codeOf(error);
  const message = messageOf(error);
  if ((code && NETWORK_CODES.has(code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(message))
    return `cannot reach PostgreSQL at ${where} (${code ?? message}); check that the server is running and HARDEN_DATABASE_URL is right`;
  if (code === '28P01' || code === '28000') return `PostgreSQL at ${where} refused the login (${code}: ${message}); check the user and password in HARDEN_DATABASE_URL`;
  if (code === '3D000') return `PostgreSQL at ${where}: ${message}; create the database or fix HARDEN_DATABASE_URL`;
  if (code === '53100') return `PostgreSQL at ${where} cannot grow: the disk is full (${code}); free space on the server`;
  if (code === '25006') return `PostgreSQL at ${where} is read-only (${code}); point HARDEN_DATABASE_URL at a writable primary`;
  if (code && /^[0-9A-Z]{5}$/.test(code)) return `PostgreSQL at ${where}: ${message} (${code})`;
  return undefined;
}

/** PostgreSQL errors that pass: the server is unreachable, restarting, or cut the connection (class 08, admin shutdown, starting up). */
export function transientPostgres(error: unknown): boolean {
  const code = codeOf(error);
  if (code && (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is not open/i.test(messageOf(error));
}

/** Runs `work`, turning errors `explain` recognises into StoreError (transient when `transient` says so); others (bugs) pass through. */
export async function guarded<T>(explain: (error: unknown) => string | undefined, work: () => Promise<T>, transient: (error: unknown) => boolean = () => false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const message = explain(error);
    if (message === undefined) throw error;
    throw new StoreError(message, { cause: error, transient: transient(error) });
  }
}
