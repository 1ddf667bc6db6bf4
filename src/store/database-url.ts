import { InputError } from '../errors.js';

/** HARDEN_DATABASE_URL when set: a PostgreSQL URL, never a SQLite path or URL (those are chosen with --database or monitoring.database). */
export function postgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.HARDEN_DATABASE_URL?.trim();
  if (!url) return undefined;
  if (!/^postgres(?:ql)?:\/\//i.test(url))
    throw new InputError([
      `HARDEN_DATABASE_URL takes a PostgreSQL URL (postgres://user@host/database), got "${url}"; for SQLite leave it unset and name the file with --database FILE or the plan's monitoring.database`,
    ]);
  return url;
}
