import { posix } from 'node:path';
import picomatch from 'picomatch';

/**
 * A glob of the plan as it is matched against tree paths: `./` and a trailing `/` dropped,
 * and a pattern whose last segment is a plain name also matching everything under it
 * (`deploy`, `deploy/k8s` are the folders' files too), as the glob library harden used before read them.
 * A last segment with a wildcard names files only: `*.sh` does not take in the files of a folder named `timoni.sh`.
 */
export function normalizeGlob(pattern: string): string {
  let result = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (!picomatch.scan(posix.basename(result)).isGlob) result += '/**';
  return posix.normalize(result);
}

/** Whether a glob reaches outside the folder it is relative to (`../x`, `/etc/*`): the tree's boundary refuses it. */
export function escapesRoot(pattern: string): boolean {
  const normalized = normalizeGlob(pattern.replaceAll('\\', '/'));
  return normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || normalized === '..' || normalized.startsWith('../');
}

/**
 * A test of tree paths against globs (dot files included); no globs match nothing. `nocase`
 * for names people write in any case (`dockerfile`, `Compose.yaml`), `ignore` for what they never name.
 */
export function globMatcher(patterns: readonly string[], options: { nocase?: boolean; ignore?: readonly string[] } = {}): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch(patterns.map(normalizeGlob), { dot: true, posix: true, nocase: options.nocase ?? false, ...(options.ignore ? { ignore: [...options.ignore] } : {}) });
}
