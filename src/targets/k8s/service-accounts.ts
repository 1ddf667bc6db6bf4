import { asBoolean, asString, recordsOf, type YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';

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
  forPod(podSpec: YamlRecord, namespace: string | undefined): PodServiceAccount;
}

/** By ServiceAccount name: lookups stay constant-time on repos with thousands of workloads. */
interface Indexed {
  accounts: Map<string, K8sObject[]>;
  bindings: Map<string, { binding: K8sObject; namespace: string | undefined }[]>;
}

/** An index over `objects`, built on the first lookup (most scans never ask). */
export function serviceAccountIndex(objects: readonly K8sObject[]): ServiceAccountIndex {
  let indexed: Indexed | undefined;
  return {
    forPod(podSpec, namespace) {
      indexed ??= buildIndex(objects);
      const name = asString(podSpec.serviceAccountName) || asString(podSpec.serviceAccount) || 'default';
      const candidates = (indexed.accounts.get(name) ?? []).filter((account) => sameNamespace(account.namespace, namespace));
      const object = candidates.find((account) => account.namespace === namespace) ?? candidates[0];
      const bindings = (indexed.bindings.get(name) ?? []).filter((entry) => sameNamespace(entry.namespace, namespace)).map((entry) => entry.binding);
      return { name, object, bindings };
    },
  };
}

export const NO_SERVICE_ACCOUNTS: ServiceAccountIndex = serviceAccountIndex([]);

function buildIndex(objects: readonly K8sObject[]): Indexed {
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
      add(indexed.bindings, name, { binding: object, namespace: asString(subject.namespace) ?? object.namespace });
    }
  }
  return indexed;
}

/**
 * Manifests often leave the namespace to `kubectl apply -n`: an unset namespace on
 * either side matches any.
 */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** `automountServiceAccountToken` as a ServiceAccount manifest sets it. */
export function serviceAccountAutomount(account: K8sObject): boolean | undefined {
  return asBoolean(account.data.automountServiceAccountToken);
}
