import { execFile } from 'node:child_process';
import { MAX_BACKUPS_LISTED, type Backup } from './backup-set.js';
import { sortBackups } from './group.js';
import type { BackupSetConfig } from './schema.js';

type ResticConfig = NonNullable<BackupSetConfig['restic']>;

/** The fields of `restic snapshots --json` read here; `summary` exists from restic 0.17 on. */
interface ResticSnapshot {
  id?: unknown;
  short_id?: unknown;
  time?: unknown;
  summary?: { total_bytes_processed?: unknown };
}

/** The repository as a place, without the user and password a rest: or s3: URL may hold. */
export function resticWhere(restic: ResticConfig): string {
  return `restic:${restic.repository.replace(/(\/\/)[^/@]*@/, '$1')}`;
}

/**
 * The snapshots of a restic repository (`restic snapshots --json`, read-only: `--no-lock`), as
 * backups. The password reaches restic in RESTIC_PASSWORD, never in its arguments; the rest of
 * the environment passes through (a repository in S3 reads AWS_* from it).
 */
export async function listResticSnapshots(restic: ResticConfig, password: string, timeoutMs: number): Promise<Backup[]> {
  const args = ['snapshots', '--json', '--no-lock', '--repo', restic.repository];
  if (restic.tags.length > 0) args.push('--tag', restic.tags.join(','));
  if (restic.host) args.push('--host', restic.host);
  const env: NodeJS.ProcessEnv = { ...process.env, RESTIC_PASSWORD: password };
  for (const variable of ['RESTIC_PASSWORD_FILE', 'RESTIC_PASSWORD_COMMAND', 'RESTIC_REPOSITORY', 'RESTIC_REPOSITORY_FILE']) delete env[variable];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('restic', args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      if (!error) resolve(out);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('restic is not installed where harden runs (Debian: apt-get install restic)'));
      else reject(new Error(`restic snapshots failed for ${resticWhere(restic)}: ${lastLine(err) || error.message}`));
    });
  });
  return parseResticSnapshots(stdout, resticWhere(restic));
}

export function parseResticSnapshots(json: string, where: string): Backup[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`restic snapshots --json for ${where} printed something that is not JSON`);
  }
  if (!Array.isArray(parsed)) throw new Error(`restic snapshots --json for ${where} did not print a list`);
  if (parsed.length > MAX_BACKUPS_LISTED) throw new Error(`${where} holds more than ${MAX_BACKUPS_LISTED} snapshots`);
  const backups: Backup[] = [];
  for (const snapshot of parsed as ResticSnapshot[]) {
    const time = typeof snapshot.time === 'string' ? new Date(snapshot.time) : undefined;
    const key = typeof snapshot.short_id === 'string' ? snapshot.short_id : typeof snapshot.id === 'string' ? snapshot.id.slice(0, 8) : undefined;
    if (!time || Number.isNaN(time.getTime()) || !key) continue;
    const size = snapshot.summary?.total_bytes_processed;
    backups.push({ key, time, ...(typeof size === 'number' ? { size } : {}) });
  }
  return sortBackups(backups);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}
