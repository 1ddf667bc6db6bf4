import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { podWithoutNetworkPolicy } from './pod-without-network-policy.js';

const pods = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: test-pod
    labels: { security: medium }
  spec:
    containers: [{ name: nginx, image: nginx }]
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    template:
      metadata:
        labels: { app.kubernetes.io/name: api }
      spec:
        containers: [{ name: api, image: api:1 }]`;

checkCases(podWithoutNetworkPolicy, {
  pass: [
    {
      name: 'a namespace default deny selects every pod',
      input: {
        'pods.yaml': pods,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: default-deny }
          spec:
            podSelector: {}
            policyTypes: [Ingress]`,
      },
    },
    {
      name: 'matchLabels and matchExpressions; deny-all ingress without rules isolates too',
      input: {
        'pods.yaml': pods,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: medium }
          spec:
            podSelector: { matchLabels: { security: medium } }
            policyTypes: [Egress, Ingress]
            egress: [{ to: [{ podSelector: { matchLabels: { security: medium } } }] }]
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: frontends, namespace: shop }
          spec:
            podSelector:
              matchExpressions:
                - { key: app.kubernetes.io/name, operator: In, values: [api, admin, web] }`,
      },
    },
    {
      name: 'hostNetwork pods are not subject to NetworkPolicy',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: traefik }
        spec:
          template:
            spec:
              hostNetwork: true
              containers: [{ name: traefik }]`,
    },
  ],
  fail: [
    {
      name: 'no policy at all; a policy for the wrong label; an Egress-only policy',
      input: {
        'pods.yaml': pods,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: high }
          spec:
            podSelector: { matchLabels: { security: high } }
            policyTypes: [Egress, Ingress]
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: egress-only, namespace: shop }
          spec:
            podSelector: {}
            policyTypes: [Egress]`,
      },
      failures: [
        { messageId: 'notSelected', line: 4 },
        { messageId: 'notSelected', line: 12 },
      ],
    },
  ],
});
