import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { postgresUrl } from './database-url.js';

describe('HARDEN_DATABASE_URL', () => {
  it('takes postgres:// and postgresql:// URLs; unset or blank selects SQLite', () => {
    expect(postgresUrl({ HARDEN_DATABASE_URL: ' postgres://harden@db/harden ' })).toBe('postgres://harden@db/harden');
    expect(postgresUrl({ HARDEN_DATABASE_URL: 'postgresql://harden@db/harden' })).toBe('postgresql://harden@db/harden');
    expect(postgresUrl({ HARDEN_DATABASE_URL: '' })).toBeUndefined();
    expect(postgresUrl({})).toBeUndefined();
  });

  it('refuses a SQLite URL, a file: URL or a path with the options that choose SQLite', () => {
    for (const value of ['sqlite:///tmp/x.db', 'file:/tmp/x.db', '/tmp/x.db', 'x.db']) {
      const error = (() => {
        try {
          postgresUrl({ HARDEN_DATABASE_URL: value });
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).lines).toEqual([
        `HARDEN_DATABASE_URL takes a PostgreSQL URL (postgres://user@host/database), got "${value}"; for SQLite leave it unset and name the file with --database FILE or the plan's monitoring.database`,
      ]);
    }
  });
});
