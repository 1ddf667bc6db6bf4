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
      name: 'a default deny of each namespace selects every pod (no namespace: default)',
      input: {
        'pods.yaml': pods,
        'netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: default-deny }
          spec:
            podSelector: {}
            policyTypes: [Ingress]
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: default-deny, namespace: shop }
          spec:
            podSelector: {}
            policyTypes: [Ingress]`,
      },
    },
    {
      name: 'Cilium: a CiliumNetworkPolicy (k8s: label prefix) and a clusterwide deny-all with an empty ingress rule',
      input: {
        'pods.yaml': pods,
        'cilium.yaml': yaml`
          apiVersion: cilium.io/v2
          kind: CiliumNetworkPolicy
          metadata: { name: medium }
          spec:
            endpointSelector: { matchLabels: { 'k8s:security': medium } }
            ingress:
              - fromEndpoints: [{ matchLabels: { app: web } }]
          ---
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: { name: shop-deny }
          specs:
            - endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': shop } }
              ingress: [{}]`,
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
    {
      name: 'policies only in an opt-in kustomize component: the default deployment has none (microservices-demo)',
      input: {
        'kustomize/base/kustomization.yaml': 'resources: [pods.yaml]\n',
        'kustomize/base/pods.yaml': pods,
        'kustomize/kustomization.yaml': 'resources: [base]\n# components: [components/network-policies]\n',
        'kustomize/components/network-policies/kustomization.yaml': 'kind: Component\nresources: [deny-all.yaml]\n',
        'kustomize/components/network-policies/deny-all.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: deny-all }
          spec:
            podSelector: {}
            policyTypes: [Ingress]`,
        'kustomize/tests/all/kustomization.yaml': 'namespace: shop\nresources: [../../base]\ncomponents: [../../components/network-policies]\n',
      },
      failures: [
        { messageId: 'notSelected', line: 4 },
        { messageId: 'notSelected', line: 12 },
      ],
    },
    {
      name: 'Cilium: default deny turned off, a host policy (nodeSelector), a policy of another namespace',
      input: {
        'pods.yaml': pods,
        'cilium.yaml': yaml`
          apiVersion: cilium.io/v2
          kind: CiliumNetworkPolicy
          metadata: { name: audit }
          spec:
            endpointSelector: {}
            enableDefaultDeny: { ingress: false }
            ingress: [{ fromEntities: [cluster] }]
          ---
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: { name: hosts }
          spec:
            nodeSelector: {}
            ingress: [{ fromEntities: [cluster] }]
          ---
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: { name: other }
          spec:
            endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': billing } }
            ingress: [{}]`,
      },
      failures: [
        { messageId: 'notSelected', line: 4 },
        { messageId: 'notSelected', line: 12 },
      ],
    },
  ],
});
