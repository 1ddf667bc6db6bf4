import { NETWORK_POLICY_NAMES } from '../../targets/k8s/claims.js';
import { namespaceRepresentedBy, networkPolicyIndex } from '../../targets/k8s/network-policies.js';
import { placementKey } from '../../targets/k8s/scopes.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { WORKLOAD_KINDS } from '../../targets/k8s/workloads.js';
import { defineCheck } from '../define.js';

/*
 * Reported once per namespace that has workloads: on its Namespace manifest when the repository has
 * one, else on the first workload of that namespace; namespaces are counted per deployable unit
 * (targets/k8s/scopes.ts), so a deny-all in an opt-in kustomize component does not cover the default
 * deployment. NetworkPolicies count, and Cilium's (CiliumNetworkPolicy, and
 * CiliumClusterwideNetworkPolicy for every namespace); Calico GlobalNetworkPolicy does not.
 */
export const namespaceDefaultDeny = defineCheck({
  id: 'k8s/namespace-default-deny',
  title: 'Namespaces with workloads have a default-deny ingress NetworkPolicy',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Namespace', ...WORKLOAD_KINDS],
  why:
    'Without a NetworkPolicy selecting a pod, Kubernetes admits traffic to it from every pod of every namespace. One ' +
    'compromised or vulnerable pod anywhere in the cluster then reaches the databases, caches and internal admin ' +
    'endpoints directly. A default-deny policy (podSelector: {}) makes every pod isolated, so only the flows allowed ' +
    'on purpose remain, and a new workload is closed until someone opens it.',
  fix: [
    'Add to the namespace, then allow the flows the application needs with further policies:',
    '',
    '    apiVersion: networking.k8s.io/v1',
    '    kind: NetworkPolicy',
    '    metadata:',
    '      name: default-deny-ingress',
    '      namespace: my-app',
    '    spec:',
    '      podSelector: {}',
    '      policyTypes: [Ingress]',
    '',
    'The cluster must run a CNI that enforces NetworkPolicy (Calico, Cilium; k3s does with its embedded controller).',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.3.2 (ensure that all Namespaces have NetworkPolicies defined)',
    'NSA/CISA Kubernetes Hardening Guide: network policies, default deny',
    'Kubernetes documentation: Network Policies, default policies',
  ],
  messages: {
    noDefaultDeny: 'namespace {namespace} has workloads but no NetworkPolicy selecting all of its pods (empty podSelector) that denies ingress by default',
  },
  claims: [
    {
      about: 'default-deny ingress NetworkPolicy',
      names: [
        ...NETWORK_POLICY_NAMES,
        ['default deny', 'namespace*'],
        ['default deny', 'pod*'],
        ['default deny', 'ingress'],
        ['default deny', 'Kubernetes'],
        ['default deny', 'k3s'],
      ],
      unless: ['egress'],
    },
  ],
  evaluate(object, ctx) {
    const index = ctx.shared(networkPolicyIndex);
    const placements = namespaceRepresentedBy(object, index);
    if (placements.length === 0) return ctx.notApplicable();
    const uncovered = placements.find((placement) => index.defaultDeny(placementKey(placement), 'Ingress').length === 0);
    if (uncovered) ctx.fail(object.at('metadata.name'), 'noDefaultDeny', { namespace: uncovered.namespace });
  },
});
