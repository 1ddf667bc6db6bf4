import type { K8sObject } from './objects.js';

/**
 * Whether an object is of one of the kinds a check declares: `Kind` in any API group, or
 * `prefix/Kind` where the object's apiVersion is `prefix` or starts with `prefix/` (an API
 * group such as `rbac.authorization.k8s.io`, or the core API's `v1`).
 */
export function kindFilter(kinds: readonly string[]): (object: Pick<K8sObject, 'apiVersion' | 'kind'>) => boolean {
  const prefixesOfKind = new Map<string, string[] | 'any group'>();
  for (const entry of kinds) {
    const slash = entry.lastIndexOf('/');
    const kind = entry.slice(slash + 1);
    const known = prefixesOfKind.get(kind);
    if (slash === -1) prefixesOfKind.set(kind, 'any group');
    else if (known !== 'any group') prefixesOfKind.set(kind, [...(known ?? []), entry.slice(0, slash)]);
  }
  return ({ apiVersion, kind }) => {
    const prefixes = prefixesOfKind.get(kind);
    if (prefixes === undefined) return false;
    return prefixes === 'any group' || prefixes.some((prefix) => apiVersion === prefix || apiVersion.startsWith(`${prefix}/`));
  };
}
