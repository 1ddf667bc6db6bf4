import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { namespaceDefaultDenyEgress } from './namespace-default-deny-egress.js';

const api = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    template:
      spec:
        containers: [{ name: api, image: api:1 }]`;

checkCases(namespaceDefaultDenyEgress, {
  pass: [
    {
      name: 'a default deny for both directions',
      input: {
        'api.yaml': api,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: default-deny, namespace: shop }
          spec:
            podSelector: {}
            policyTypes: [Ingress, Egress]`,
      },
    },
    {
      name: 'policyTypes unset with an empty egress list denies egress',
      input: {
        'api.yaml': api,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: default-deny, namespace: shop }
          spec:
            podSelector: {}
            egress: []`,
      },
    },
  ],
  fail: [
    {
      name: 'the ingress-only default deny (k3s-saas-fixed residual): reported at its policyTypes',
      input: {
        'api.yaml': api,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: default-deny-ingress
            namespace: shop
          spec:
            podSelector: {}
            policyTypes:
              - Ingress`,
      },
      failures: [{ messageId: 'ingressOnly', line: 9 }],
    },
    {
      name: 'no default deny at all: reported on the first workload',
      input: api,
      failures: [{ messageId: 'noDefaultDeny', line: 4 }],
    },
  ],
});
