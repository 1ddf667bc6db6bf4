import type { GitIgnored } from '../repo/git-ignored.js';
import { environmentOf, type ConfigSource } from './config-sources.js';

/**
 * A bare `.env` counts as the local file by convention, but one git keeps is committed with every
 * value in it, and is what `docker compose` reads on the server: its folder's words and its own
 * APP_ENV-style setting still decide whether it is a development file.
 */
export function isCommittedDotEnv(source: ConfigSource, ignored: GitIgnored): boolean {
  const slash = source.file.lastIndexOf('/');
  if (source.file.slice(slash + 1) !== '.env' || ignored(source.file)) return false;
  return environmentOf([slash < 0 ? '' : source.file.slice(0, slash)], source.entries) !== 'non-production';
}
