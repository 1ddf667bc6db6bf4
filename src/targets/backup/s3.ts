import { MAX_BACKUPS_LISTED, type Backup } from './backup-set.js';
import { groupBackups, type StoredEntry } from './group.js';
import type { BackupSetConfig } from './schema.js';

type S3Config = NonNullable<BackupSetConfig['s3']>;

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** s3://bucket/prefix, with the endpoint's host for a store other than AWS: never a credential. */
export function s3Where(s3: S3Config): string {
  const place = `s3://${s3.bucket}/${s3.prefix}`;
  return s3.endpoint ? `${place} at ${new URL(s3.endpoint).host}` : place;
}

/**
 * The objects under a bucket's prefix, with ListObjectsV2 (read-only; paginated, at most
 * MAX_BACKUPS_LISTED keys), as backups (see groupBackups). Keys ending in "/" are folder markers.
 */
export async function listS3Backups(s3: S3Config, credentials: S3Credentials | undefined, timeoutMs: number, pageSize = 1000): Promise<Backup[]> {
  const sdk = await import('@aws-sdk/client-s3');
  // The SDK is CommonJS: in the CLI's bundle its exports arrive as the module's default export only.
  const { ListObjectsV2Command, S3Client } = sdk.default ?? sdk;
  const client = withoutNodeVersionWarning(
    () =>
      new S3Client({
        region: s3.region ?? 'us-east-1',
        // A bucket in another region answers with a redirect naming its region: followed, read-only.
        followRegionRedirects: true,
        ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
        forcePathStyle: s3.forcePathStyle ?? s3.endpoint !== undefined,
        ...(credentials ? { credentials } : {}),
        maxAttempts: 2,
        requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
      }),
  );
  try {
    const entries: StoredEntry[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: s3.prefix, ContinuationToken: token, MaxKeys: pageSize }));
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/') || !object.LastModified) continue;
        entries.push({ path: object.Key.slice(s3.prefix.length), time: object.LastModified, size: object.Size ?? 0 });
      }
      if (entries.length > MAX_BACKUPS_LISTED) throw new Error(`s3://${s3.bucket}/${s3.prefix} holds more than ${MAX_BACKUPS_LISTED} objects: point the set at a narrower prefix`);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return groupBackups(entries);
  } finally {
    client.destroy();
  }
}

/**
 * The SDK warns on stderr, once per process, when it creates a client on a Node.js it will soon
 * stop supporting: noise in harden's output about a dependency, not about what was scanned.
 */
function withoutNodeVersionWarning<T>(create: () => T): T {
  const variable = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const before = process.env[variable];
  process.env[variable] = 'true';
  try {
    return create();
  } finally {
    if (before === undefined) delete process.env[variable];
    else process.env[variable] = before;
  }
}
