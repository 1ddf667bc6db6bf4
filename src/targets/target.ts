import type { Location } from './location.js';
import type { YamlPath } from './yaml/source.js';

/** What every check target has: an identity for fingerprints and `where`, and a place to point at. */
export interface Target {
  /** Stable across edits that move lines: path plus object identity, URL, host:port. */
  readonly identity: string;
  /** Repo-relative file the target comes from, when it comes from one. */
  readonly file?: string;
  readonly location: Location;
  /** Where the plan names this target (`targets.sites[2]`): live targets only, which have no file of their own. */
  readonly declaredAt?: YamlPath;
  /** Suppressions written on the target itself (manifest annotations): check id → reason. */
  readonly inlineIgnores?: ReadonlyMap<string, string>;
  /**
   * Set when the target is read from another reading of its YAML document (a key set twice,
   * an earlier value winning): it shares its identity with the target of the main reading, and
   * only the failures it adds are reported.
   */
  readonly reading?: number;
}
