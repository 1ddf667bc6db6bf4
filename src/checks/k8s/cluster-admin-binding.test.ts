import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { clusterAdminBinding } from './cluster-admin-binding.js';

const wildcardRole = (kind: string, name: string, verbs: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: { name: ${name}, namespace: test }
  rules:
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ${verbs}`;

const binding = (kind: string, name: string, roleKind: string, role: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: { name: ${name}, namespace: test }
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ${roleKind}
    name: ${role}
  subjects:
    - { apiGroup: rbac.authorization.k8s.io, kind: User, name: testuser }`;

checkCases(clusterAdminBinding, {
  pass: [
    {
      name: 'a ClusterRole with explicit resources, groups or verbs',
      input: {
        'role.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: { name: a }
          rules:
            - { apiGroups: [apps], resources: ["*"], verbs: ["*"] }
            - { apiGroups: [""], resources: ["*"], resourceNames: [config], verbs: ["*"] }
            - { apiGroups: ["*"], resources: [pods], verbs: ["*"] }
            - { apiGroups: ["*"], resources: ["*"], verbs: [get, list] }`,
        'binding.yaml': binding('ClusterRoleBinding', 'a', 'ClusterRole', 'a'),
      },
    },
    {
      name: 'system: and gce: bindings; system:masters; bindings without subjects',
      input: {
        'role.yaml': wildcardRole('ClusterRole', 'all', '["*"]'),
        'b1.yaml': binding('ClusterRoleBinding', 'system:test', 'ClusterRole', 'all'),
        'b2.yaml': binding('RoleBinding', 'gce:podsecuritypolicy:calico-sa', 'ClusterRole', 'cluster-admin'),
        'b3.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: cluster-admin }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
          subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters" }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: nobody }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }`,
      },
    },
    {
      name: 'a RoleBinding to a Role of another namespace; a binding to an undefined role; odd shapes',
      input: {
        'role.yaml': wildcardRole('Role', 'all', '["*"]'),
        'b.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: { name: b, namespace: prod }
          roleRef: { kind: Role, name: all }
          subjects: [{ kind: User, name: u }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: c }
          roleRef: { kind: ClusterRole, name: unknown }
          subjects: [{ kind: User, name: u }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: d }
          roleRef: cluster-admin
          subjects: [null, { kind: User }]`,
      },
    },
  ],
  fail: [
    {
      name: 'the CI deploy identity bound to cluster-admin (k3s-saas)',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ci-deployer
        subjects:
          - kind: ServiceAccount
            name: ci-deployer
            namespace: honeydue
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cluster-admin   # TODO scope down to the honeydue namespace`,
      failures: [{ messageId: 'clusterRoleBinding', line: 12 }],
    },
    {
      name: 'system:authenticated is not a cluster identity: every credential becomes admin',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: dev-access }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated" }]`,
      failures: [{ messageId: 'clusterRoleBinding', line: 4 }],
    },
    {
      name: 'role equivalents: all seven verbs, a system: role name, RoleBindings to a ClusterRole and a Role',
      input: {
        'roles.yaml': `${wildcardRole('ClusterRole', 'system:test', '[get, list, delete, update, create, patch, watch]')}---\n${wildcardRole('Role', 'ns-admin', '["*"]')}`,
        'b1.yaml': binding('ClusterRoleBinding', 'test', 'ClusterRole', 'system:test'),
        'b2.yaml': binding('RoleBinding', 'test', 'ClusterRole', 'cluster-admin'),
        'b3.yaml': binding('RoleBinding', 'test2', 'Role', 'ns-admin'),
      },
      failures: [
        { messageId: 'clusterRoleBinding', line: 7, related: [{ at: 'roles.yaml:5', message: 'ClusterRole "system:test" allows every verb on every resource of every API group here' }] },
        { messageId: 'roleBindingClusterRole', line: 7, related: [] },
        { messageId: 'roleBindingRole', line: 7, related: [{ at: 'roles.yaml:13', message: 'Role "ns-admin" allows every verb on every resource of every API group here' }] },
      ],
    },
    {
      name: 'a RoleBinding to a ClusterRole allowing every verb on every core resource (Secrets, pods/exec, tokens)',
      input: {
        'role.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: { name: test }
          rules:
            - apiGroups: [""]
              resources: ["*"]
              verbs: ["*"]`,
        'binding.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: { name: pod, namespace: kube-system }
          subjects: [{ kind: User, name: jane, apiGroup: rbac.authorization.k8s.io }]
          roleRef: { kind: ClusterRole, name: test, apiGroup: rbac.authorization.k8s.io }`,
      },
      failures: [{ messageId: 'roleBindingClusterRole', line: 5, related: [{ at: 'role.yaml:5', message: 'ClusterRole "test" allows every verb on every resource of the core API group here' }] }],
    },
  ],
});
