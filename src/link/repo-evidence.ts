import type { Result } from '../engine/result.js';
import { normalizeWords, phrase } from './words.js';

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
  private readonly nameMatchers = new Map<string, (normalized: string) => boolean>();

  /** Results of a static scan; any status counts: a pass is a target as much as a failure. */
  add(result: Result): void {
    if (result.checkId.startsWith('harden/') || result.location.kind !== 'file') return;
    let byIdentity = this.targets.get(result.checkId);
    if (!byIdentity) this.targets.set(result.checkId, (byIdentity = new Map()));
    if (byIdentity.has(result.target)) return;
    byIdentity.set(result.target, checkTarget(result.target));
  }

  hasTargets(checkId: string): boolean {
    return (this.targets.get(checkId)?.size ?? 0) > 0;
  }

  /**
   * The `where:` of the check's targets the text names, when it names some but not all of
   * them: an item about "the vmagent container" is judged on vmagent alone.
   */
  namedTargets(checkId: string, text: string): string[] | undefined {
    const targets = [...(this.targets.get(checkId)?.values() ?? [])];
    const normalized = normalizeWords(text);
    const named = targets.filter((target) => this.names(target.name)(normalized));
    if (named.length === 0 || named.length === targets.length) return undefined;
    return [...new Set(named.map((target) => target.where))].sort();
  }

  /** Whether the text names an object or file this repository has, whatever checks read it. */
  namesAnyTarget(text: string): boolean {
    const normalized = normalizeWords(text);
    for (const targets of this.targets.values()) for (const target of targets.values()) if (this.names(target.name)(normalized)) return true;
    return false;
  }

  private names(name: string): (normalized: string) => boolean {
    let matcher = this.nameMatchers.get(name);
    if (!matcher) {
      const pattern = distinctive(name) ? phrase(name) : undefined;
      matcher = pattern ? (normalized) => pattern.matches(normalized) : () => false;
      this.nameMatchers.set(name, matcher);
    }
    return matcher;
  }
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
