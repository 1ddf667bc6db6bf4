import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { adminScope, broadIdentity, isAdminRule, isSystemName, roleIndex, roleRefOf, rulesOf, subjectsOf } from '../../targets/k8s/rbac.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { defineCheck } from '../define.js';

/*
 * A binding grants admin when its roleRef is the built-in ClusterRole cluster-admin, or a Role or
 * ClusterRole of the repository with a rule allowing every verb (or get, list, watch, create,
 * update, patch and delete) on every resource of every API group, or of the core group (its
 * Secrets, pods/exec and ServiceAccount tokens make it admin of the namespace). Bindings named system:... or
 * gce:..., and bindings whose subjects are all system: identities (system:masters), come with the
 * cluster and are skipped, as Polaris does; system:authenticated, system:unauthenticated and the
 * system:serviceaccounts groups are not exempt.
 */
export const clusterAdminBinding = defineCheck({
  id: 'k8s/cluster-admin-binding',
  title: 'No binding grants cluster-admin or an equivalent role',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
  why:
    'cluster-admin allows every action on every resource: reading all Secrets, running privileged pods on any ' +
    'node, changing RBAC itself. Whoever holds a credential of a subject bound to it (a CI token stored as a ' +
    'repository secret, a ServiceAccount token readable in a pod) owns the whole cluster and everything it can ' +
    'reach. Bound in a RoleBinding it still gives full control of the namespace, its Secrets and workloads included.',
  fix: [
    'Bind a Role that lists only the resources and verbs the subject uses, in its own namespace:',
    '',
    '    kind: Role',
    '    metadata: { name: ci-deployer, namespace: my-app }',
    '    rules:',
    '      - apiGroups: ["apps"]',
    '        resources: ["deployments"]',
    '        verbs: ["get", "list", "watch", "patch"]',
    '    ---',
    '    kind: RoleBinding',
    '    roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ci-deployer }',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.1 (ensure that the cluster-admin role is only used where required)',
    'NSA/CISA Kubernetes Hardening Guide: role-based access control, least privilege',
    'Polaris clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole, rolebindingClusterAdminRole',
    'kube-linter cluster-admin-role-binding',
  ],
  peers: [
    { tool: 'polaris', rule: 'clusterrolebindingClusterAdmin', messages: ['clusterRoleBinding'] },
    { tool: 'polaris', rule: 'rolebindingClusterAdminClusterRole', messages: ['roleBindingClusterRole'] },
    { tool: 'polaris', rule: 'rolebindingClusterAdminRole', messages: ['roleBindingRole'] },
    { tool: 'kube-linter', rule: 'cluster-admin-role-binding', messages: ['clusterRoleBinding'] },
  ],
  messages: {
    clusterRoleBinding: 'ClusterRoleBinding "{binding}" grants {role} (full control of the cluster) to {subjects}',
    roleBindingClusterRole: 'RoleBinding "{binding}" grants {role} (full control of its namespace) to {subjects}',
    roleBindingRole: 'RoleBinding "{binding}" grants Role "{role}", which allows every verb on every resource, to {subjects}',
  },
  claims: [
    {
      about: 'no cluster-admin binding', risk: true,
      names: [...RBAC_LEAST_PRIVILEGE_NAMES, 'cluster-admin', ['ClusterRoleBinding', 'admin*'], ['RoleBinding', 'full control']],
    },
  ],
  evaluate(object, ctx) {
    const ref = roleRefOf(object);
    const subjects = subjectsOf(object);
    // system:masters and the control plane's own identities are admins by design; system:authenticated is not.
    const clusterOwned = subjects.every((subject) => isSystemName(subject.name) && !broadIdentity(subject));
    if (!ref || isSystemName(object.name) || subjects.length === 0 || clusterOwned) return ctx.notApplicable();
    const builtIn = ref.kind === 'ClusterRole' && ref.name === 'cluster-admin';
    const role = builtIn ? undefined : ctx.shared(roleIndex).resolve(object);
    const adminRule = role && rulesOf(role).find(isAdminRule);
    if (!builtIn && !adminRule) return;
    const related = role && adminRule ? [{ at: role.at(adminRule.path), message: `${role.kind} "${role.name}" allows every verb on every resource of ${adminScope(adminRule)} here` }] : [];
    const data = {
      binding: object.name,
      role: builtIn ? 'cluster-admin' : `${ref.kind} "${ref.name}" (all verbs on all resources)`,
      subjects: subjects.map((subject) => `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`).join(', '),
    };
    const messageId = object.kind === 'ClusterRoleBinding' ? 'clusterRoleBinding' : ref.kind === 'ClusterRole' ? 'roleBindingClusterRole' : 'roleBindingRole';
    ctx.fail(object.at('roleRef.name'), messageId, messageId === 'roleBindingRole' ? { ...data, role: ref.name } : data, { related });
  },
});
