import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { defaultServiceAccountBinding } from './default-service-account-binding.js';

checkCases(defaultServiceAccountBinding, {
  pass: [
    {
      name: 'a dedicated ServiceAccount; a system binding',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ci-deployer, namespace: honeydue }
        subjects:
          - kind: ServiceAccount
            name: ci-deployer
            namespace: honeydue
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ci-deployer }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "system:service-account-issuer-discovery" }
        subjects: [{ kind: Group, name: "system:serviceaccounts" }]
        roleRef: { kind: ClusterRole, name: "system:service-account-issuer-discovery" }`,
    },
    { name: 'odd shapes', input: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: x }\nsubjects: default\n' },
  ],
  fail: [
    {
      name: 'the default ServiceAccount and the service-account groups',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: reader, namespace: app }
        subjects:
          - kind: ServiceAccount
            name: default
          - kind: Group
            name: system:serviceaccounts:app
        roleRef: { kind: ClusterRole, name: view }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: everyone }
        subjects: [{ kind: Group, name: "system:serviceaccounts" }, { kind: ServiceAccount, name: default, namespace: kube-system }]
        roleRef: { kind: ClusterRole, name: view }`,
      failures: [
        { messageId: 'defaultServiceAccount', line: 6 },
        { messageId: 'allServiceAccounts', line: 8 },
        { messageId: 'allServiceAccounts', line: 14 },
        { messageId: 'defaultServiceAccount', line: 14 },
      ],
    },
  ],
});
