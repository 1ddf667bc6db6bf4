import { z } from 'zod';
import { parseDuration } from '../../duration.js';
import { isoDate } from '../../schema-fields.js';
import { secretRef } from '../secret-ref.js';

const duration = z.string().refine((text) => parseDuration(text) !== undefined, 'expected a duration: 26h, 30d, 2w');

/** A bucket and prefix; without credentials the SDK's default chain (environment, profile, instance role) is used. */
const s3Schema = z
  .object({
    bucket: z.string().min(1),
    prefix: z.string().default(''),
    /** An S3-compatible store (MinIO, R2, B2, Wasabi): its URL; path-style addressing is then the default. */
    endpoint: z.url().optional(),
    /** The bucket's region; without it us-east-1 is asked, and a redirect to the bucket's own region followed. */
    region: z.string().optional(),
    forcePathStyle: z.boolean().optional(),
    accessKeyId: secretRef.optional(),
    secretAccessKey: secretRef.optional(),
  })
  .strict()
  .refine((s3) => (s3.accessKeyId === undefined) === (s3.secretAccessKey === undefined), 'give accessKeyId and secretAccessKey together, or neither (the SDK default chain)');

/** A restic repository; its password reaches restic through the environment, never its arguments. */
const resticSchema = z
  .object({
    repository: z.string().min(1),
    password: secretRef,
    /** Only snapshots with all these tags (`--tag`). */
    tags: z.array(z.string().min(1)).default([]),
    /** Only snapshots of this host (`--host`). */
    host: z.string().min(1).optional(),
  })
  .strict();

const drillSchema = z
  .object({
    on: isoDate,
    by: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

/**
 * A backup set of the plan (`backups:`): where its backups are (one of s3, restic, directory),
 * how old the newest may be, how long they are kept, and the restore drills the team recorded.
 */
export const backupSetSchema = z
  .object({
    name: z.string().min(1),
    s3: s3Schema.optional(),
    restic: resticSchema.optional(),
    /** A folder read where harden runs (relative to the plan): each file, or each subfolder, is one backup. */
    directory: z.string().min(1).optional(),
    /** The newest backup is younger than this. */
    maxAge: duration,
    /** Backups as old as this exist, and none much older is kept. */
    retention: duration.optional(),
    /** When the set began: younger than its retention, it cannot hold backups that old yet. */
    since: isoDate.optional(),
    /** A restore drill is recorded within this. */
    restoreDrill: duration.optional(),
    drills: z.array(drillSchema).default([]),
  })
  .strict()
  .refine((set) => [set.s3, set.restic, set.directory].filter((where) => where !== undefined).length === 1, 'a backup set lives in one place: give exactly one of s3, restic, directory');

export const backupsSchema = z
  .array(backupSetSchema)
  .default([])
  .superRefine((sets, ctx) => {
    sets.forEach((set, index) => {
      if (sets.findIndex((other) => other.name === set.name) < index) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `backup set "${set.name}" is named twice` });
    });
  });

export type BackupSetConfig = z.output<typeof backupSetSchema>;
export type BackupDrill = BackupSetConfig['drills'][number];
