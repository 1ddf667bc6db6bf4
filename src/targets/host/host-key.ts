import { createHash, createHmac } from 'node:crypto';

/** A host key as sshd sends it: the key's wire blob, its type and its SHA256 fingerprint (as `ssh-keygen -lf` prints it). */
export interface HostKey {
  readonly type: string;
  readonly fingerprint: string;
  readonly blob: Buffer;
}

export function hostKeyOf(blob: Buffer): HostKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = length > 0 && length + 4 <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
  return { type, blob, fingerprint: fingerprintOf(blob) };
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a known_hosts file lists a host under: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Whether a known_hosts text lists this key for the host (plain or hashed names, negations,
 * `*`/`?` wildcards); `revoked` when a `@revoked` line names it. `@cert-authority` lines are not
 * trusted for plain keys.
 */
export function knownHostsVerdict(text: string, host: string, port: number, key: HostKey): 'known' | 'revoked' | 'unknown' | 'other-key' {
  const name = knownHostsName(host, port);
  let verdict: 'unknown' | 'other-key' = 'unknown';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith('@') ? fields.shift() : undefined;
    const [names, type, base64] = fields;
    if (!names || !type || !base64 || marker === '@cert-authority') continue;
    if (!namesMatch(names, name)) continue;
    const same = type === key.type && base64 === key.blob.toString('base64');
    if (marker === '@revoked') {
      if (same) return 'revoked';
      continue;
    }
    if (same) return 'known';
    if (type === key.type) verdict = 'other-key';
  }
  return verdict;
}

function namesMatch(names: string, name: string): boolean {
  if (names.startsWith('|1|')) {
    const [, , salt, hash] = names.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of names.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function globMatch(pattern: string, name: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}
