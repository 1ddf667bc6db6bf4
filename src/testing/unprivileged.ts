import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The user `nobody`, for tests of what happens without a permission: root reads and writes
 * anywhere, so under root those tests run their child process as nobody. Undefined otherwise.
 */
export const UNPRIVILEGED: { uid: number; gid: number } | undefined = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/**
 * Why nobody cannot run this checkout's code, when it cannot: a folder on its path that others may
 * not enter (a clone in a mode-700 folder, as `mktemp -d` makes). Those tests are skipped then: they
 * would fail on the clone's location, not on harden.
 */
export function unreachableByNobody(path = process.cwd()): string | undefined {
  if (!UNPRIVILEGED) return undefined;
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return `${folder} is closed to other users`;
    if (dirname(folder) === folder) return undefined;
  }
}
