import { NETWORK_POLICY_NAMES } from '../../targets/k8s/claims.js';
import { networkPolicyIndex } from '../../targets/k8s/network-policies.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { asRecord, displayValue } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * A pod is isolated for ingress when, in every deployable unit it belongs to (targets/k8s/scopes.ts),
 * a NetworkPolicy of its namespace whose policyTypes include Ingress selects its template labels
 * (matchLabels and matchExpressions), or a CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy with
 * ingress rules selects them (Cilium's default deny).
 * Polaris missingNetworkPolicy differs on purpose: it also demands Egress and non-empty ingress and
 * egress rule lists, so it fails a pod that a deny-all policy isolates; its fixtures are not a peer.
 * hostNetwork pods are out of scope: NetworkPolicy does not apply to them.
 */
export const podWithoutNetworkPolicy = defineCheck({
  id: 'k8s/pod-without-network-policy',
  title: 'Every pod is selected by an ingress NetworkPolicy',
  severity: 'medium',
  target: 'k8s-workload',
  why:
    'A pod that no NetworkPolicy selects accepts connections from every pod in the cluster, whatever other policies ' +
    'the namespace has. Policies are often written for the known services and forgotten for the next workload, a ' +
    'debug pod or a one-off Job, which then becomes the open door to its namespace.',
  fix: [
    'Cover the namespace with a default-deny policy (podSelector: {}), or select the pod from a policy that allows',
    'only its clients:',
    '',
    '    spec:',
    '      podSelector:',
    '        matchLabels: { app.kubernetes.io/name: api }',
    '      policyTypes: [Ingress]',
    '      ingress:',
    '        - from: [{ podSelector: { matchLabels: { app.kubernetes.io/name: web } } }]',
    '          ports: [{ port: 8000 }]',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.3.2 (ensure that all Namespaces have NetworkPolicies defined)',
    'NSA/CISA Kubernetes Hardening Guide: network policies',
    'kube-score pod-networkpolicy; kube-linter non-isolated-pod; Polaris missingNetworkPolicy (stricter, see source)',
  ],
  messages: {
    notSelected: '{workload}: no NetworkPolicy with policyTypes Ingress selects its pods ({labels})',
  },
  claims: [
    {
      about: 'every pod selected by an ingress NetworkPolicy',
      names: [...NETWORK_POLICY_NAMES, ['pod*', 'not selected', 'polic*'], ['workload*', 'without', 'polic*'], ['pod*', 'isolat*', 'network']],
      unless: ['egress'],
    },
  ],
  evaluate(workload, ctx) {
    if (workload.podSpec.hostNetwork === true) return ctx.notApplicable();
    const index = ctx.shared(networkPolicyIndex);
    if (index.isolates(workload, 'Ingress')) return;
    const labels = Object.entries(asRecord(workload.podMetadata.labels) ?? {})
      .map(([key, value]) => `${key}=${displayValue(value)}`)
      .join(',');
    ctx.fail(workload.object.at('metadata.name'), 'notSelected', { workload: `${workload.kind}/${workload.name}`, labels: labels || 'no labels' });
  },
});
