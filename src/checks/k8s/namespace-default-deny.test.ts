import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { namespaceDefaultDeny } from './namespace-default-deny.js';

const api = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    template:
      metadata: { labels: { app: api } }
      spec:
        containers: [{ name: api, image: api:1 }]`;
const defaultDeny = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: default-deny-ingress, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: [Ingress]`;

checkCases(namespaceDefaultDeny, {
  pass: [
    { name: 'a default deny in the namespace (k3s-saas)', input: { 'api.yaml': api, 'netpol.yaml': defaultDeny } },
    {
      name: 'policyTypes unset means Ingress; the namespace set by the kustomization; a Namespace without workloads',
      input: {
        'kustomization.yaml': 'namespace: shop\nresources: [api.yaml, netpol.yaml]\n',
        'api.yaml': api,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: deny }
          spec:
            podSelector: {}
          ---
          apiVersion: v1
          kind: Namespace
          metadata: { name: empty }`,
      },
    },
    { name: 'no workloads at all', input: defaultDeny },
    {
      name: 'a Cilium clusterwide deny-all covers every namespace',
      input: {
        'api.yaml': api,
        'cilium.yaml': yaml`
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: { name: deny-all }
          spec:
            endpointSelector: {}
            ingress: [{}]`,
      },
    },
  ],
  fail: [
    {
      name: 'the default deny only in an opt-in component, or in a policy without namespace (default)',
      input: {
        'deploy/kustomization.yaml': 'resources: [api.yaml, netpol.yaml]\n',
        'deploy/api.yaml': api,
        'deploy/netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: deny }
          spec:
            podSelector: {}`,
        'components/network-policies/kustomization.yaml': 'kind: Component\nresources: [deny.yaml]\n',
        'components/network-policies/deny.yaml': defaultDeny,
      },
      failures: [{ messageId: 'noDefaultDeny', line: 4 }],
    },
    {
      name: 'no policy: reported on the Namespace manifest',
      input: {
        'a-namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
        'api.yaml': api,
      },
      failures: [{ messageId: 'noDefaultDeny', line: 4 }],
    },
    {
      name: 'policies that are not a default deny: a selector, Egress only, an allow-all rule, another namespace; reported on the first workload',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: api-only, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: api } }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress, namespace: shop }
        spec:
          podSelector: {}
          policyTypes: [Egress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: allow-all, namespace: shop }
        spec:
          podSelector: {}
          ingress: [{}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: deny, namespace: other }
        spec:
          podSelector: {}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          template:
            spec:
              containers: [{ name: api }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            spec:
              containers: [{ name: web }]`,
      failures: [{ messageId: 'noDefaultDeny', line: 30 }],
    },
  ],
});
