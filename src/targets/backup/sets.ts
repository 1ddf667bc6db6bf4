import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from '../location.js';
import { resolveSecret } from '../secret-ref.js';
import { maskSecret } from '../secrets/mask.js';
import type { Backup, BackupSetTarget } from './backup-set.js';
import { listDirectoryBackups } from './directory.js';
import { listResticSnapshots, resticWhere } from './restic.js';
import { listS3Backups, s3Where } from './s3.js';
import type { BackupSetConfig } from './schema.js';

export interface BackupSetsContext {
  /** Where relative folders and file: secrets are read from: the plan's folder. */
  planDir: string;
  now: Date;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/** The plan's backup sets as targets, each listed once, on first use. */
export function backupSetTargets(sets: readonly BackupSetConfig[], context: BackupSetsContext): BackupSetTarget[] {
  return sets.map((config, index) => {
    const folder = config.directory === undefined ? undefined : isAbsolute(config.directory) ? config.directory : resolve(context.planDir, config.directory);
    const where = config.s3 ? s3Where(config.s3) : config.restic ? resticWhere(config.restic) : folder!;
    const location: Location = { kind: 'url', url: config.s3 ? `s3://${config.s3.bucket}/${config.s3.prefix}` : config.restic ? where : pathToFileURL(folder!).href };
    let listing: Promise<readonly Backup[]> | undefined;
    return {
      identity: `backup:${config.name}`,
      name: config.name,
      config,
      where,
      now: context.now,
      location,
      declaredAt: ['backups', index],
      list: () => (listing ??= listSet(config, folder, context)),
    };
  });
}

async function listSet(config: BackupSetConfig, folder: string | undefined, context: BackupSetsContext): Promise<readonly Backup[]> {
  const secret = (ref: string) => resolveSecret(ref, context.planDir, context.env);
  const secrets: string[] = [];
  const remember = (value: string) => (secrets.push(value), value);
  try {
    if (config.s3) {
      const { accessKeyId, secretAccessKey } = config.s3;
      const credentials = accessKeyId && secretAccessKey ? { accessKeyId: remember(secret(accessKeyId)), secretAccessKey: remember(secret(secretAccessKey)) } : undefined;
      return await listS3Backups(config.s3, credentials, context.timeoutMs);
    }
    if (config.restic) return await listResticSnapshots(config.restic, remember(secret(config.restic.password)), context.timeoutMs);
    return await listDirectoryBackups(folder!);
  } catch (error) {
    throw new Error(withoutSecrets(error instanceof Error ? error.message : String(error), secrets));
  }
}

/** A store's error text may echo what it was sent: no credential leaves in a result. */
function withoutSecrets(message: string, secrets: readonly string[]): string {
  return secrets.filter((value) => value.length >= 4).reduce((text, value) => text.replaceAll(value, maskSecret(value)), message);
}
