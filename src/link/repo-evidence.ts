import type { Result } from '../engine/result.js';
import { normalizeWords, phrase, type WordPattern } from './words.js';

/** What one check's results say about one target: its identity and the `where:` that names it. */
interface CheckTarget {
  identity: string;
  /** `Deployment/api`, `services.redis`, `deploy/api.yaml`: what a plan's `where:` writes for it. */
  where: string;
  /** The name the item text must hold to name this target: the object's name, or the file's path. */
  name: string;
}

/**
 * What a static scan of the repository found, as evidence for links: which checks have
 * targets here at all (a check with none is no link), and which of their targets an item
 * names by object name or file path (the link's `where:`).
 */
export class RepoEvidence {
  private readonly targets = new Map<string, Map<string, CheckTarget>>();
  /** Each check's targets by the words that name them, built when an item first asks. */
  private readonly byName = new Map<string, NameIndex>();

  /** Results of a static scan; any status counts: a pass is a target as much as a failure. */
  add(result: Result): void {
    if (result.checkId.startsWith('harden/') || result.location.kind !== 'file') return;
    let byIdentity = this.targets.get(result.checkId);
    if (!byIdentity) this.targets.set(result.checkId, (byIdentity = new Map()));
    if (byIdentity.has(result.target)) return;
    byIdentity.set(result.target, checkTarget(result.target));
    this.byName.delete(result.checkId);
  }

  hasTargets(checkId: string): boolean {
    return (this.targets.get(checkId)?.size ?? 0) > 0;
  }

  /**
   * The `where:` of the check's targets the text names, when it names some but not all of
   * them: an item about "the vmagent container" is judged on vmagent alone. The text's runs
   * of words are looked up, so the cost follows the text, not the repository's size.
   */
  namedTargets(checkId: string, text: string): string[] | undefined {
    const targets = this.targets.get(checkId);
    if (!targets) return undefined;
    const index = this.byName.get(checkId) ?? this.byName.set(checkId, nameIndex(targets.values())).get(checkId)!;
    const named = index.named(normalizeWords(text));
    if (named.size === 0 || named.size === targets.size) return undefined;
    return [...new Set([...named].map((target) => target.where))].sort();
  }
}

interface NameIndex {
  named(normalized: string): Set<CheckTarget>;
}

/**
 * A target is named where the text holds its name's words in a row, each whole (what
 * `phrase` matches): the runs of up to the longest name's words are keys of a map.
 * Names with a `*` (a prefix to `phrase`) are matched as phrases.
 */
function nameIndex(targets: Iterable<CheckTarget>): NameIndex {
  const byWords = new Map<string, CheckTarget[]>();
  const patterns: { pattern: WordPattern; target: CheckTarget }[] = [];
  let longest = 0;
  for (const target of targets) {
    if (!distinctive(target.name)) continue;
    if (target.name.includes('*')) {
      patterns.push({ pattern: phrase(target.name), target });
      continue;
    }
    const words = normalizeWords(target.name).trim();
    if (!words) continue;
    longest = Math.max(longest, words.split(' ').length);
    const known = byWords.get(words);
    if (known) known.push(target);
    else byWords.set(words, [target]);
  }
  return {
    named(normalized) {
      const named = new Set<CheckTarget>();
      const words = normalized.trim().split(' ');
      for (let start = 0; start < words.length; start++) {
        let key = '';
        for (let end = start; end < Math.min(words.length, start + longest); end++) {
          key = end === start ? words[end]! : `${key} ${words[end]!}`;
          for (const target of byWords.get(key) ?? []) named.add(target);
        }
      }
      for (const { pattern, target } of patterns) if (pattern.matches(normalized)) named.add(target);
      return named;
    },
  };
}

/** `deploy/api.yaml#Deployment/prod/api/container:app` → Deployment/api, named by "api". */
function checkTarget(identity: string): CheckTarget {
  const hash = identity.indexOf('#');
  if (hash === -1) return { identity, where: identity, name: identity };
  const object = identity.slice(hash + 1);
  if (object.startsWith('services.')) {
    const service = object.slice('services.'.length).split('.')[0]!;
    return { identity, where: `services.${service}`, name: service };
  }
  const [kind = '', ...rest] = object.split('/');
  const parts = rest.filter((part) => !part.includes(':'));
  const name = parts.at(-1) ?? '';
  return { identity, where: `${kind}/${name}`, name };
}

/** Names too short or too common to mean a target when a sentence holds them. */
const INDISTINCT = new Set(['app', 'main', 'default', 'config', 'data', 'test', 'dockerfile', 'the', 'all', 'prod', 'production']);

function distinctive(name: string): boolean {
  const words = normalizeWords(name).trim();
  return words.length >= 3 && !INDISTINCT.has(words);
}
