import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { rbacPublicBinding } from './rbac-public-binding.js';

checkCases(rbacPublicBinding, {
  pass: [
    {
      name: 'named subjects; the cluster own public bindings',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: platform-view }
        roleRef: { kind: ClusterRole, name: view }
        subjects: [{ kind: Group, name: platform-team }, { kind: ServiceAccount, name: vmagent, namespace: monitoring }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "system:public-info-viewer" }
        roleRef: { kind: ClusterRole, name: "system:public-info-viewer" }
        subjects: [{ kind: Group, name: "system:unauthenticated" }, { kind: Group, name: "system:authenticated" }]`,
    },
    { name: 'odd shapes', input: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: x }\nsubjects: [null, 3, { kind: Group }]\n' },
  ],
  fail: [
    {
      name: 'anonymous, unauthenticated and authenticated subjects',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: status-page, namespace: app }
        roleRef: { kind: Role, name: read-status }
        subjects:
          - kind: User
            name: system:anonymous
          - kind: Group
            name: system:unauthenticated
          - kind: Group
            name: system:authenticated
          - kind: Group
            name: system:serviceaccounts`,
      failures: [
        { messageId: 'everyone', line: 7 },
        { messageId: 'everyone', line: 9 },
        { messageId: 'authenticated', line: 11 },
      ],
    },
  ],
});
