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

interface Indexed {
  accounts: K8sObject[];
  bindings: { binding: K8sObject; subject: string; namespace: string | undefined }[];
}

/** An index over `objects`, built on the first lookup (most scans never ask). */
export function serviceAccountIndex(objects: readonly K8sObject[]): ServiceAccountIndex {
  let indexed: Indexed | undefined;
  return {
    forPod(podSpec, namespace) {
      indexed ??= buildIndex(objects);
      const name = asString(podSpec.serviceAccountName) || asString(podSpec.serviceAccount) || 'default';
      const candidates = indexed.accounts.filter((account) => account.name === name && sameNamespace(account.namespace, namespace));
      const object = candidates.find((account) => account.namespace === namespace) ?? candidates[0];
      const bindings = indexed.bindings
        .filter((entry) => entry.subject === name && sameNamespace(entry.namespace, namespace))
        .map((entry) => entry.binding);
      return { name, object, bindings };
    },
  };
}

export const NO_SERVICE_ACCOUNTS: ServiceAccountIndex = serviceAccountIndex([]);

function buildIndex(objects: readonly K8sObject[]): Indexed {
  const indexed: Indexed = { accounts: [], bindings: [] };
  for (const object of objects) {
    if (object.kind === 'ServiceAccount') indexed.accounts.push(object);
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    for (const subject of recordsOf(object.data.subjects)) {
      const name = asString(subject.name);
      if (subject.kind !== 'ServiceAccount' || !name) continue;
      indexed.bindings.push({ binding: object, subject: name, namespace: asString(subject.namespace) ?? object.namespace });
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
