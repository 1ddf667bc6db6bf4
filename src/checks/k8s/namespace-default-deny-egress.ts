import { namespaceRepresentedBy, networkPolicyIndex } from '../../targets/k8s/network-policies.js';
import { placementKey } from '../../targets/k8s/scopes.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { WORKLOAD_KINDS } from '../../targets/k8s/workloads.js';
import { asArray, asRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * Same scope as k8s/namespace-default-deny. When the namespace has an ingress default-deny policy,
 * the finding points at its policyTypes (where Egress would be added); otherwise at the Namespace
 * manifest or the first workload.
 */
export const namespaceDefaultDenyEgress = defineCheck({
  id: 'k8s/namespace-default-deny-egress',
  title: 'Namespaces with workloads have a default-deny egress NetworkPolicy',
  severity: 'low',
  target: 'k8s-object',
  kinds: ['Namespace', ...WORKLOAD_KINDS],
  why:
    'Egress left open lets a compromised pod reach anything: the cloud metadata endpoint, the Kubernetes API, other ' +
    "namespaces' databases, and any host on the internet to fetch tools or exfiltrate data. Denying egress by default " +
    'and allowing DNS plus the known destinations turns those moves into visible, blocked connections. Where ' +
    'destinations have no stable addresses, accepting open egress is a decision worth writing down.',
  fix: [
    'Add Egress to the default-deny policy, then allow DNS and the destinations the pods need:',
    '',
    '    spec:',
    '      podSelector: {}',
    '      policyTypes: [Ingress, Egress]',
    '    ---',
    '    # allow DNS',
    '    spec:',
    '      podSelector: {}',
    '      policyTypes: [Egress]',
    '      egress:',
    '        - to: [{ namespaceSelector: {}, podSelector: { matchLabels: { k8s-app: kube-dns } } }]',
    '          ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: ['NSA/CISA Kubernetes Hardening Guide: network policies, default deny for ingress and egress', 'Kubernetes documentation: Network Policies, default deny all egress traffic'],
  messages: {
    ingressOnly: 'default-deny policy "{policy}" of namespace {namespace} covers Ingress only: egress is open',
    noDefaultDeny: 'namespace {namespace} has workloads but no NetworkPolicy selecting all of its pods (empty podSelector) that denies egress by default',
  },
  claims: [
    {
      about: 'default-deny egress NetworkPolicy',
      names: [
        ['egress', 'NetworkPolic*'],
        ['egress', 'network polic*'],
        ['egress', 'default deny'],
        ['egress', 'deny'],
        ['egress', 'restrict*'],
        ['egress', 'lock* down'],
        ['egress', 'allowlist'],
        ['egress', 'exfiltration'],
        'egress filtering',
        'egress control*',
        'egress polic*',
        ['outbound', 'pod*', 'restrict*'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const index = ctx.shared(networkPolicyIndex);
    const placements = namespaceRepresentedBy(object, index);
    if (placements.length === 0) return ctx.notApplicable();
    const uncovered = placements.find((placement) => index.defaultDeny(placementKey(placement), 'Egress').length === 0);
    if (!uncovered) return;
    const namespace = uncovered.namespace;
    const ingress = index.defaultDeny(placementKey(uncovered), 'Ingress')[0];
    if (!ingress) return ctx.fail(object.at('metadata.name'), 'noDefaultDeny', { namespace });
    const types = asArray(asRecord(ingress.object.data.spec)?.policyTypes);
    const at = types.length > 0 ? ingress.object.at(['spec', 'policyTypes', types.length - 1]) : ingress.object.at('spec.podSelector');
    ctx.fail(at, 'ingressOnly', { policy: ingress.object.name, namespace });
  },
});
