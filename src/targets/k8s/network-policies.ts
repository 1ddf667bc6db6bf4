import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import type { K8sObject } from './objects.js';
import { podTemplateIndex, type PodTemplate } from './pod-templates.js';
import { ciliumPoliciesOf, isCiliumPolicy } from './cilium-policies.js';
import { placementKey, placementKeys, scopeIndex, type Placement, type ScopeIndex } from './scopes.js';
import { networkPolicyOf, type NetworkPolicy, type PolicyDirection } from './network-policy-model.js';
import type { K8sWorkload } from './workloads.js';

export { networkPolicyOf, type NetworkPolicy, type PolicyDirection } from './network-policy-model.js';

export interface NetworkPolicyIndex {
  readonly policies: readonly NetworkPolicy[];
  /** Whether, wherever the workload is deployed (each of its placements), some policy isolating `direction` selects its pods. */
  isolates(workload: K8sWorkload, direction: PolicyDirection): boolean;
  /**
   * Default-deny policies for `direction` of one placement (a `placementKey`): they select every
   * pod of its namespace (`podSelector: {}`, a Cilium `endpointSelector: {}`) and admit nothing
   * unconditionally.
   */
  defaultDeny(key: string, direction: PolicyDirection): NetworkPolicy[];
  /** The first workload (in file order) of each placement. */
  firstWorkload(key: string): K8sWorkload | undefined;
  /** Namespace objects by placement of their name (`placementKey` with the Namespace's name). */
  namespaceObject(key: string): K8sObject | undefined;
  readonly scopes: ScopeIndex;
}

/** NetworkPolicies and what they select, built once: each policy is matched against the pod templates of its placements. */
export const networkPolicyIndex = defineIndex<NetworkPolicyIndex>('k8s/network-policies', (workspace) => {
  const templates = useIndex(workspace, podTemplateIndex);
  const scopes = useIndex(workspace, scopeIndex);
  const policies: NetworkPolicy[] = [];
  const namespaces = new Map<string, K8sObject>();
  for (const object of manifestObjects(workspace)) {
    const policy = networkPolicyOf(object);
    if (policy) policies.push(policy);
    else if (isCiliumPolicy(object)) policies.push(...ciliumPoliciesOf(object));
    else if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
      for (const placement of scopes.placements(object)) namespaces.set(placementKey({ unit: placement.unit, namespace: object.name }), object);
    }
  }
  const first = new Map<string, K8sWorkload>();
  const keysOfUnit = new Map<string, Set<string>>();
  for (const template of templates.all) {
    for (const placement of scopes.placements(template.workload.object)) {
      const key = placementKey(placement);
      if (!first.has(key)) first.set(key, template.workload);
      const keys = keysOfUnit.get(placement.unit) ?? new Set<string>();
      keysOfUnit.set(placement.unit, keys.add(key));
    }
  }
  /** The placements a policy applies to: its own, or for a clusterwide one every namespace of its units. */
  const coveredKeys = new Map<NetworkPolicy, string[]>();
  for (const policy of policies) {
    const own = scopes.placements(policy.object);
    coveredKeys.set(policy, policy.clusterwide ? own.flatMap((placement) => [...(keysOfUnit.get(placement.unit) ?? [])]) : placementKeys(own));
  }
  /** Per direction and workload, the placements in which some policy selects it. */
  const isolated: Record<PolicyDirection, Map<K8sWorkload, Set<string>>> = { Ingress: new Map(), Egress: new Map() };
  for (const policy of policies) {
    for (const key of coveredKeys.get(policy) ?? []) {
      if (policy.inNamespaces && !policy.inNamespaces.has(key.slice(key.indexOf('\u0000') + 1))) continue;
      const selected: readonly PodTemplate[] = templates.selectedAt(policy.podSelector, key);
      for (const direction of policy.directions) {
        for (const template of selected) {
          const keys = isolated[direction].get(template.workload) ?? new Set<string>();
          isolated[direction].set(template.workload, keys.add(key));
        }
      }
    }
  }
  return {
    policies,
    scopes,
    isolates: (workload, direction) => {
      const keys = isolated[direction].get(workload);
      return keys !== undefined && scopes.placements(workload.object).every((placement) => keys.has(placementKey(placement)));
    },
    defaultDeny: (key, direction) =>
      policies.filter(
        (policy) =>
          policy.podSelector.selectsAll &&
          policy.directions.has(direction) &&
          !policy.allowsAll.has(direction) &&
          (!policy.inNamespaces || policy.inNamespaces.has(key.slice(key.indexOf('\u0000') + 1))) &&
          (coveredKeys.get(policy) ?? []).includes(key),
      ),
    firstWorkload: (key) => first.get(key),
    namespaceObject: (key) => namespaces.get(key),
  };
});

/**
 * The placements `object` stands for in namespace-level findings: for a Namespace object, those
 * of its name that have workloads; for a workload, those whose first workload it is and that
 * have no Namespace manifest.
 */
export function namespaceRepresentedBy(object: K8sObject, index: NetworkPolicyIndex): Placement[] {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
    return index.scopes
      .placements(object)
      .map((placement) => ({ unit: placement.unit, namespace: object.name }))
      .filter((placement) => index.firstWorkload(placementKey(placement)));
  }
  return index.scopes.placements(object).filter((placement) => {
    const key = placementKey(placement);
    return index.firstWorkload(key)?.object === object && !index.namespaceObject(key);
  });
}
