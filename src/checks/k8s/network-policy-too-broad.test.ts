import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { networkPolicyTooBroad } from './network-policy-too-broad.js';

const redis = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: redis, namespace: honeydue }
  spec:
    template:
      metadata:
        labels: { app.kubernetes.io/name: redis }
      spec:
        containers: [{ name: redis, image: redis:7-alpine }]`;

checkCases(networkPolicyTooBroad, {
  pass: [
    {
      name: 'named clients, node addresses as /32, a namespace by label (k3s-saas-fixed allow-redis)',
      input: {
        'redis.yaml': redis,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: allow-redis, namespace: honeydue }
          spec:
            podSelector:
              matchLabels: { app.kubernetes.io/name: redis }
            policyTypes: [Ingress]
            ingress:
              - from:
                  - podSelector:
                      matchExpressions:
                        - { key: app.kubernetes.io/name, operator: In, values: [api, worker] }
                  - ipBlock: { cidr: 203.0.113.11/32 }
                  - ipBlock: { cidr: 10.0.0.0/8, except: [10.42.0.0/16] }
                  - namespaceSelector:
                      matchLabels: { kubernetes.io/metadata.name: monitoring }
                  - namespaceSelector: {}
                    podSelector: { matchLabels: { app: prometheus } }`,
      },
    },
    {
      name: 'podSelector {} in front of an app, not a datastore; egress to anywhere',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: same-namespace }
        spec:
          podSelector: { matchLabels: { app: web } }
          policyTypes: [Ingress, Egress]
          ingress:
            - from: [{ podSelector: {} }]
          egress:
            - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { namespaceSelector: {} }]`,
    },
    { name: 'odd shapes', input: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: x }\nspec:\n  ingress: [null, { from: "all" }, { from: [null, { ipBlock: { cidr: 7 } }] }]\n' },
  ],
  fail: [
    {
      name: 'every pod of the namespace may reach Redis (k3s-saas allow-redis); the pod CIDR; every namespace',
      input: {
        'redis.yaml': redis,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: allow-redis
            namespace: honeydue
          spec:
            podSelector:
              matchLabels:
                app.kubernetes.io/name: redis
            policyTypes:
              - Ingress
            ingress:
              - from:
                  - podSelector: {}
                ports:
                  - protocol: TCP
                    port: 6379
              - from:
                  - ipBlock:
                      cidr: 10.42.0.0/16
                  - namespaceSelector: {}`,
      },
      failures: [
        { messageId: 'allPodsToDatastore', line: 14 },
        { messageId: 'wideBlock', line: 20 },
        { messageId: 'allNamespaces', line: 21 },
      ],
    },
    {
      name: 'a rule without from in front of a datastore admits every source',
      input: {
        'redis.yaml': redis,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: redis-port, namespace: honeydue }
          spec:
            podSelector: { matchLabels: { app.kubernetes.io/name: redis } }
            ingress:
              - ports: [{ port: 6379 }]`,
      },
      failures: [{ messageId: 'anySourceToDatastore', line: 7 }],
    },
  ],
});
