import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { K8sObject } from './objects.js';
import { scopeIndex } from './scopes.js';

/** One entry of a Role's or ClusterRole's `rules`, lists read as strings (other items dropped). */
export interface RbacRule {
  readonly index: number;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** Path of the rule in its object, for `object.at`. */
  readonly path: YamlPath;
  readonly raw: YamlRecord;
}

/** Path of `value` in one of the rule's lists (of the list itself when absent), for `object.at`. */
export function entryPath(rule: RbacRule, field: 'apiGroups' | 'resources' | 'verbs', value: string): YamlPath {
  const index = asArray(rule.raw[field]).indexOf(value);
  return index < 0 ? [...rule.path, field] : [...rule.path, field, index];
}

export function isRole(object: K8sObject): boolean {
  return (object.kind === 'Role' || object.kind === 'ClusterRole') && object.apiVersion.startsWith('rbac.authorization.k8s.io/');
}

export function isBinding(object: K8sObject): boolean {
  return (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && object.apiVersion.startsWith('rbac.authorization.k8s.io/');
}

/**
 * Names Kubernetes and cloud providers reserve for their own roles and bindings (`system:...`,
 * GKE's `gce:...`): they come with the cluster, not from the repository's authors.
 */
export function isSystemName(name: string): boolean {
  return name.startsWith('system:') || name.startsWith('gce:');
}

/**
 * Identities that stand for everyone or every workload: every caller (authenticated or not),
 * every ServiceAccount of the cluster or of a namespace.
 */
export function broadIdentity(subject: { kind: string; name: string }): 'everyone' | 'authenticated' | 'serviceaccounts' | undefined {
  if ((subject.kind === 'Group' && subject.name === 'system:unauthenticated') || (subject.kind === 'User' && subject.name === 'system:anonymous')) return 'everyone';
  if (subject.kind === 'Group' && subject.name === 'system:authenticated') return 'authenticated';
  if (subject.kind === 'Group' && (subject.name === 'system:serviceaccounts' || subject.name.startsWith('system:serviceaccounts:'))) return 'serviceaccounts';
  return undefined;
}

/** The default user-facing ClusterRoles; their rules are maintained upstream and grant exec and secrets by design. */
export const DEFAULT_CLUSTER_ROLES: ReadonlySet<string> = new Set(['cluster-admin', 'admin', 'edit']);

const strings = (value: unknown): string[] => asArray(value).flatMap((item) => asString(item) ?? []);

export function rulesOf(object: K8sObject): RbacRule[] {
  return asArray(object.data.rules).flatMap((item, index): RbacRule[] => {
    const rule = asRecord(item);
    if (!rule) return [];
    return [
      {
        index,
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        verbs: strings(rule.verbs),
        resourceNames: strings(rule.resourceNames),
        nonResourceURLs: strings(rule.nonResourceURLs),
        path: ['rules', index],
        raw: rule,
      },
    ];
  });
}

/** The entry of `list` that grants `wanted`: itself or the `*` wildcard. */
export function covering(list: readonly string[], wanted: string): string | undefined {
  return list.find((entry) => entry === '*' || entry === wanted);
}

/**
 * The entry of `rule.resources` that covers `resource` (`pods/exec` is covered by `*`,
 * `pods/exec` and `* /exec`, the RBAC authorizer's matching).
 */
export function coveringResource(rule: RbacRule, resource: string): string | undefined {
  const slash = resource.indexOf('/');
  const subresource = slash < 0 ? undefined : resource.slice(slash + 1);
  return rule.resources.find((entry) => entry === '*' || entry === resource || (subresource !== undefined && entry === `*/${subresource}`));
}

/** Verbs that together are everything a wildcard verb grants on ordinary resources. */
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * The rule allows every verb on every resource of every API group, or of the core group (Secrets,
 * Pods and their exec, ServiceAccount tokens: whoever holds it can become any ServiceAccount of the
 * namespace): admin in all but name. Undefined when it does not.
 */
export function adminScope(rule: RbacRule): 'every API group' | 'the core API group' | undefined {
  if (!rule.resources.includes('*') || rule.resourceNames.length > 0) return undefined;
  if (!rule.verbs.includes('*') && !ALL_VERBS.every((verb) => rule.verbs.includes(verb))) return undefined;
  if (rule.apiGroups.includes('*')) return 'every API group';
  return rule.apiGroups.includes('') ? 'the core API group' : undefined;
}

export function isAdminRule(rule: RbacRule): boolean {
  return adminScope(rule) !== undefined;
}

/** A binding's `roleRef`. */
export function roleRefOf(binding: K8sObject): { kind: string; name: string } | undefined {
  const ref = asRecord(binding.data.roleRef);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  return kind && name ? { kind, name } : undefined;
}

/** A binding's subjects, with their index for locations. */
export function subjectsOf(binding: K8sObject): { index: number; kind: string; name: string; namespace: string | undefined; record: YamlRecord }[] {
  return asArray(binding.data.subjects).flatMap((item, index) => {
    const record = asRecord(item);
    const kind = asString(record?.kind);
    const name = asString(record?.name);
    return record && kind && name ? [{ index, kind, name, namespace: asString(record.namespace), record }] : [];
  });
}

export interface RoleIndex {
  /** The Role or ClusterRole a binding refers to, when the repository defines it. */
  resolve(binding: K8sObject): K8sObject | undefined;
}

/** Roles and ClusterRoles by name, for bindings. */
export const roleIndex = defineIndex<RoleIndex>('k8s/rbac-roles', (workspace) => {
  const scopes = useIndex(workspace, scopeIndex);
  const byKey = new Map<string, K8sObject[]>();
  for (const object of manifestObjects(workspace)) {
    if (!isRole(object)) continue;
    const key = `${object.kind}/${object.name}`;
    const list = byKey.get(key);
    if (list) list.push(object);
    else byKey.set(key, [object]);
  }
  return {
    resolve(binding) {
      const ref = roleRefOf(binding);
      if (!ref) return undefined;
      const candidates = byKey.get(`${ref.kind}/${ref.name}`) ?? [];
      // ClusterRoles are cluster-scoped: a stray metadata.namespace on them means nothing.
      return candidates.find((role) => (ref.kind === 'ClusterRole' ? scopes.sameUnit(role, binding) : scopes.related(role, binding)));
    },
  };
});
