import { asBoolean, asString, recordsOf, type YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { buildScopeIndex, placementKey, placementKeys, type ScopeIndex } from './scopes.js';

/** The ServiceAccount a pod runs as, and what the repository says about it. */
export interface PodServiceAccount {
  /** `serviceAccountName` (or the deprecated `serviceAccount`); `default` when unset. */
  readonly name: string;
  /** Its ServiceAccount manifest, when the repository has one. */
  readonly object: K8sObject | undefined;
  /** RoleBindings and ClusterRoleBindings naming it as a subject: the pod is meant to call the API. */
  readonly bindings: readonly K8sObject[];
}

/** Finds ServiceAccounts and their bindings among the manifests of one workspace. */
export interface ServiceAccountIndex {
  /** The account of a pod of `workload`, looked up where the workload is deployed (see ScopeIndex). */
  forPod(podSpec: YamlRecord, workload: K8sObject): PodServiceAccount;
}

/** By ServiceAccount name: lookups stay constant-time on repos with thousands of workloads. */
interface Indexed {
  accounts: Map<string, K8sObject[]>;
  /** Bindings naming a ServiceAccount, with the placements of that subject. */
  bindings: Map<string, { binding: K8sObject; keys: ReadonlySet<string> }[]>;
}

/** An index over `objects`, built on the first lookup (most scans never ask). */
export function serviceAccountIndex(objects: readonly K8sObject[], scopes: ScopeIndex = buildScopeIndex([], () => undefined)): ServiceAccountIndex {
  let indexed: Indexed | undefined;
  return {
    forPod(podSpec, workload) {
      indexed ??= buildIndex(objects, scopes);
      const name = asString(podSpec.serviceAccountName) || asString(podSpec.serviceAccount) || 'default';
      const keys = placementKeys(scopes.placements(workload));
      const object = (indexed.accounts.get(name) ?? []).find((account) => scopes.related(account, workload));
      const bindings = (indexed.bindings.get(name) ?? []).filter((entry) => keys.some((key) => entry.keys.has(key))).map((entry) => entry.binding);
      return { name, object, bindings };
    },
  };
}

export const NO_SERVICE_ACCOUNTS: ServiceAccountIndex = serviceAccountIndex([]);

function buildIndex(objects: readonly K8sObject[], scopes: ScopeIndex): Indexed {
  const indexed: Indexed = { accounts: new Map(), bindings: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const object of objects) {
    if (object.kind === 'ServiceAccount') add(indexed.accounts, object.name, object);
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    for (const subject of recordsOf(object.data.subjects)) {
      const name = asString(subject.name);
      if (subject.kind !== 'ServiceAccount' || !name) continue;
      const namespace = asString(subject.namespace);
      const keys = new Set(scopes.placements(object).map((placement) => placementKey(namespace ? { unit: placement.unit, namespace } : placement)));
      add(indexed.bindings, name, { binding: object, keys });
    }
  }
  return indexed;
}

/** `automountServiceAccountToken` as a ServiceAccount manifest sets it. */
export function serviceAccountAutomount(account: K8sObject): boolean | undefined {
  return asBoolean(account.data.automountServiceAccountToken);
}
