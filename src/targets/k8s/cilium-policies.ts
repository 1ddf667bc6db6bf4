import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { NetworkPolicy, PolicyDirection } from './network-policy-model.js';
import type { K8sObject } from './objects.js';
import { parseLabelSelector } from './selectors.js';

export function isCiliumPolicy(object: K8sObject): boolean {
  return (object.kind === 'CiliumNetworkPolicy' || object.kind === 'CiliumClusterwideNetworkPolicy') && object.apiVersion.startsWith('cilium.io/');
}

const RULES: Record<PolicyDirection, readonly string[]> = { Ingress: ['ingress', 'ingressDeny'], Egress: ['egress', 'egressDeny'] };
const PEERS: Record<PolicyDirection, string> = { Ingress: 'fromEntities', Egress: 'toEntities' };
/** The pod label Cilium gives every endpoint with its namespace. */
const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/**
 * A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy as the NetworkPolicies it amounts to
 * (one per entry of `specs`, or `spec`): an endpoint selected by a rule of a direction is isolated
 * in that direction (Cilium's default deny) unless `enableDefaultDeny` turns that off. Host
 * policies (`nodeSelector`) select nodes, not pods, and are left out.
 */
export function ciliumPoliciesOf(object: K8sObject): NetworkPolicy[] {
  const data = object.data;
  const specs = [asRecord(data.spec), ...asArray(data.specs).map(asRecord)].filter((spec): spec is YamlRecord => spec !== undefined);
  return specs.flatMap((spec): NetworkPolicy[] => {
    const endpointSelector = asRecord(spec.endpointSelector);
    if (!endpointSelector) return [];
    const defaultDeny = asRecord(spec.enableDefaultDeny) ?? {};
    const directions = new Set<PolicyDirection>();
    const allowsAll = new Set<PolicyDirection>();
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = RULES[direction].flatMap((field) => (Array.isArray(spec[field]) ? asArray(spec[field]) : []));
      const hasRules = RULES[direction].some((field) => Array.isArray(spec[field]));
      if (!hasRules || defaultDeny[direction.toLowerCase()] === false) continue;
      directions.add(direction);
      const admitsAnything = asArray(spec[RULES[direction][0]!]).some((item) => {
        const rule = asRecord(item);
        return rule !== undefined && asArray(rule[PEERS[direction]]).some((entity) => asString(entity) === 'all') && asArray(rule.toPorts).length === 0;
      });
      if (admitsAnything && rules.length > 0) allowsAll.add(direction);
    }
    const { selector, namespaces } = ciliumSelector(endpointSelector);
    return [
      {
        object,
        namespace: object.namespace,
        podSelector: parseLabelSelector(selector),
        directions,
        allowsAll,
        clusterwide: object.kind === 'CiliumClusterwideNetworkPolicy',
        ...(namespaces ? { inNamespaces: namespaces } : {}),
      },
    ];
  });
}

/** Cilium label keys may carry a source prefix (`k8s:app`, `any:app`); the namespace is a label too. */
function ciliumSelector(endpointSelector: YamlRecord): { selector: YamlRecord; namespaces: ReadonlySet<string> | undefined } {
  const unprefixed = (key: string) => key.replace(/^(k8s|any):/, '');
  let namespaces: Set<string> | undefined;
  const matchLabels: YamlRecord = {};
  for (const [key, value] of Object.entries(asRecord(endpointSelector.matchLabels) ?? {})) {
    if (unprefixed(key) === NAMESPACE_LABEL && typeof value === 'string') namespaces = new Set([value]);
    else matchLabels[unprefixed(key)] = value;
  }
  const matchExpressions = asArray(endpointSelector.matchExpressions).flatMap((item) => {
    const expression = asRecord(item);
    const key = asString(expression?.key);
    if (!expression || !key) return [item];
    if (unprefixed(key) === NAMESPACE_LABEL && expression.operator === 'In') {
      namespaces = new Set(asArray(expression.values).flatMap((value) => asString(value) ?? []));
      return [];
    }
    return [{ ...expression, key: unprefixed(key) }];
  });
  return { selector: { matchLabels, matchExpressions }, namespaces };
}
