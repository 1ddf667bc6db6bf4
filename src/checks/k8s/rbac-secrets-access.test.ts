import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { rbacSecretsAccess } from './rbac-secrets-access.js';

checkCases(rbacSecretsAccess, {
  pass: [
    {
      name: 'a rule allowing everything is left to k8s/rbac-wildcards (one finding per rule)',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: reconciler, namespace: secure }
        rules:
          - apiGroups: ['*']
            resources: ['*']
            verbs: ['*']`,
    },
    {
      name: 'named Secrets only; secrets of another API group; the built-in edit role; no secrets at all',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: reader, namespace: app }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            resourceNames: ["app-config"]
            verbs: ["get", "watch"]
          - apiGroups: ["bitnami.com"]
            resources: ["sealedsecrets", "secrets"]
            verbs: ["list"]
          - apiGroups: [""]
            resources: ["configmaps", "pods"]
            verbs: ["get", "list", "watch"]
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["create", "delete"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: edit }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: ["*"] }]`,
    },
    { name: 'odd shapes', input: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: x }\nrules: { apiGroups: [""] }\n' },
  ],
  fail: [
    {
      name: 'get is bad, list/watch worse; wildcards count',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: backup }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get", "list", "watch"]
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: [list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: shop }
        rules:
          - apiGroups: [""]
            resources:
              - configmaps
              - secrets
            verbs: ["get"]`,
      failures: [
        { messageId: 'listSecrets', line: 6 },
        { messageId: 'listSecrets', line: 9 },
        { messageId: 'readSecrets', line: 19 },
      ],
    },
  ],
});
