import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asRecord, asString } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { podTemplateIndex, type PodTemplate } from './pod-templates.js';
import { parseLabelSelector, sameNamespace, type LabelSelector } from './selectors.js';
import type { K8sWorkload } from './workloads.js';

export type PolicyDirection = 'Ingress' | 'Egress';

/** A NetworkPolicy, read once. */
export interface NetworkPolicy {
  readonly object: K8sObject;
  readonly namespace: string | undefined;
  readonly podSelector: LabelSelector;
  /**
   * The directions it isolates: `policyTypes` as written, or when unset, Ingress always and
   * Egress when it has egress rules (the API server's defaulting).
   */
  readonly directions: ReadonlySet<PolicyDirection>;
  /** It has a rule admitting any peer on any port in that direction: it isolates nothing there. */
  readonly allowsAll: ReadonlySet<PolicyDirection>;
}

export interface NetworkPolicyIndex {
  readonly policies: readonly NetworkPolicy[];
  /** Whether some policy isolating `direction` selects the workload's pods. */
  isolates(workload: K8sWorkload, direction: PolicyDirection): boolean;
  /**
   * Default-deny policies for `direction` that cover `namespace`: they select every pod
   * (`podSelector: {}`) and admit nothing unconditionally. Unset namespaces match any.
   */
  defaultDeny(namespace: string | undefined, direction: PolicyDirection): NetworkPolicy[];
  /** The first workload (in file order) of each namespace as written (undefined for unset). */
  firstWorkload(namespace: string | undefined): K8sWorkload | undefined;
  /** Namespace objects by name. */
  namespaceObject(name: string): K8sObject | undefined;
}

const DIRECTION_RULES: Record<PolicyDirection, { rules: string; peers: string }> = {
  Ingress: { rules: 'ingress', peers: 'from' },
  Egress: { rules: 'egress', peers: 'to' },
};

export function networkPolicyOf(object: K8sObject): NetworkPolicy | undefined {
  if (object.kind !== 'NetworkPolicy' || !object.apiVersion.startsWith('networking.k8s.io/')) return undefined;
  const spec = asRecord(object.data.spec) ?? {};
  const written = asArray(spec.policyTypes).flatMap((type) => asString(type) ?? []);
  const directions = new Set<PolicyDirection>();
  if (Array.isArray(spec.policyTypes)) {
    for (const type of written) if (type === 'Ingress' || type === 'Egress') directions.add(type);
  } else {
    directions.add('Ingress');
    if (Array.isArray(spec.egress)) directions.add('Egress');
  }
  const allowsAll = new Set<PolicyDirection>();
  for (const direction of ['Ingress', 'Egress'] as const) {
    const { rules, peers } = DIRECTION_RULES[direction];
    const admitsAnything = asArray(spec[rules]).some((item) => {
      const rule = asRecord(item);
      if (!rule) return false;
      return asArray(rule[peers]).length === 0 && asArray(rule.ports).length === 0;
    });
    if (admitsAnything) allowsAll.add(direction);
  }
  return { object, namespace: object.namespace, podSelector: parseLabelSelector(spec.podSelector), directions, allowsAll };
}

/** NetworkPolicies and what they select, built once: each policy is matched against pod templates by label. */
export const networkPolicyIndex = defineIndex<NetworkPolicyIndex>('k8s/network-policies', (workspace) => {
  const templates = useIndex(workspace, podTemplateIndex);
  const policies: NetworkPolicy[] = [];
  const namespaces = new Map<string, K8sObject>();
  for (const object of manifestObjects(workspace)) {
    const policy = networkPolicyOf(object);
    if (policy) policies.push(policy);
    else if (object.kind === 'Namespace' && object.apiVersion === 'v1') namespaces.set(object.name, object);
  }
  const isolated: Record<PolicyDirection, Set<K8sWorkload>> = { Ingress: new Set(), Egress: new Set() };
  for (const policy of policies) {
    const selected: readonly PodTemplate[] = templates.selectedBy(policy.podSelector, policy.namespace);
    for (const direction of policy.directions) for (const template of selected) isolated[direction].add(template.workload);
  }
  const first = new Map<string | undefined, K8sWorkload>();
  for (const template of templates.all) if (!first.has(template.namespace)) first.set(template.namespace, template.workload);
  return {
    policies,
    isolates: (workload, direction) => isolated[direction].has(workload),
    defaultDeny: (namespace, direction) =>
      policies.filter(
        (policy) => policy.podSelector.selectsAll && policy.directions.has(direction) && !policy.allowsAll.has(direction) && sameNamespace(policy.namespace, namespace),
      ),
    firstWorkload: (namespace) => first.get(namespace),
    namespaceObject: (name) => namespaces.get(name),
  };
});

/**
 * The namespace `object` stands for in namespace-level findings: a Namespace object whose
 * namespace has workloads, or else the first workload of a namespace that has no Namespace
 * manifest (including workloads that leave the namespace unset).
 */
export function namespaceRepresentedBy(object: K8sObject, index: NetworkPolicyIndex): { namespace: string | undefined } | undefined {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return index.firstWorkload(object.name) ? { namespace: object.name } : undefined;
  const first = index.firstWorkload(object.namespace);
  if (first?.object !== object) return undefined;
  if (object.namespace !== undefined && index.namespaceObject(object.namespace)) return undefined;
  return { namespace: object.namespace };
}
