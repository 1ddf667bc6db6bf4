import { posix } from 'node:path';
import picomatch from 'picomatch';

/**
 * A glob of the plan as it is matched against tree paths: `./` and a trailing `/` dropped,
 * and a pattern that does not end in `*` also matching everything under it (`deploy` is
 * the folder's files), as the glob library harden used before read them.
 */
export function normalizeGlob(pattern: string): string {
  let result = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (!result.endsWith('*')) result += '/**';
  return posix.normalize(result);
}

/** Whether a glob reaches outside the folder it is relative to (`../x`, `/etc/*`): the tree's boundary refuses it. */
export function escapesRoot(pattern: string): boolean {
  const normalized = normalizeGlob(pattern.replaceAll('\\', '/'));
  return normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || normalized === '..' || normalized.startsWith('../');
}

/** A test of tree paths against globs (dot files included); no globs match nothing. */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch(patterns.map(normalizeGlob), { dot: true, posix: true });
}
