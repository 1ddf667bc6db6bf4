import { asArray, asRecord, asString } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { parseLabelSelector, type LabelSelector } from './selectors.js';

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
  /** A CiliumClusterwideNetworkPolicy: it selects pods of every namespace. */
  readonly clusterwide: boolean;
  /** Namespaces its selector names (Cilium's `k8s:io.kubernetes.pod.namespace` label); undefined for any. */
  readonly inNamespaces?: ReadonlySet<string>;
}

const DIRECTION_RULES: Record<PolicyDirection, { rules: string; peers: string }> = {
  Ingress: { rules: 'ingress', peers: 'from' },
  Egress: { rules: 'egress', peers: 'to' },
};

/** A Kubernetes NetworkPolicy; Cilium policies are read by ciliumPoliciesOf (cilium-policies.ts). */
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
  return { object, namespace: object.namespace, podSelector: parseLabelSelector(spec.podSelector), directions, allowsAll, clusterwide: false };
}

