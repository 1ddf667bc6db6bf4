import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { rbacWildcards } from './rbac-wildcards.js';

checkCases(rbacWildcards, {
  pass: [
    {
      name: 'read-only discovery ClusterRole (k3s-saas vmagent trap)',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: honeydue-vmagent
        rules:
          - apiGroups: [""]
            resources: ["nodes", "nodes/metrics", "services", "endpoints", "pods"]
            verbs: ["get", "list", "watch"]
          - apiGroups: ["discovery.k8s.io"]
            resources: ["endpointslices"]
            verbs: ["get", "list", "watch"]
          - nonResourceURLs: ["/metrics", "/metrics/cadvisor"]
            verbs: ["get"]`,
    },
    {
      name: 'system roles and the built-in cluster-admin; odd shapes',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:glbc" }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: cluster-admin }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: odd }
        rules: [null, "*", { verbs: "*", resources: [7] }]`,
    },
  ],
  fail: [
    {
      name: 'one finding per rule, at its first wildcard (podinfo reconciler: one, not three)',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: operator }
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
          - apiGroups: ["apps"]
            resources:
              - deployments
              - "*"
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: ci, namespace: app }
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            verbs:
              - get
              - "*"
          - apiGroups: [apps]
            resources: ["*"]
            verbs: ["*"]
          - apiGroups: ["*"]
            resources: [pods]
            verbs: [get]`,
      failures: [
        { messageId: 'everything', line: 5 },
        { messageId: 'resources', line: 11 },
        { messageId: 'verbs', line: 22 },
        { messageId: 'several', line: 24 },
        { messageId: 'apiGroups', line: 26 },
      ],
    },
  ],
});
