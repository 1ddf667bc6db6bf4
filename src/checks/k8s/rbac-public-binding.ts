import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { broadIdentity, isSystemName, roleRefOf, subjectsOf } from '../../targets/k8s/rbac.js';
import { defineCheck } from '../define.js';

/*
 * Bindings named system:... (system:discovery, system:public-info-viewer, ...) are the cluster's
 * own, deliberately public, and are skipped. The system:serviceaccounts groups are the business of
 * k8s/default-service-account-binding.
 */
export const rbacPublicBinding = defineCheck({
  id: 'k8s/rbac-public-binding',
  title: 'No role is bound to anonymous users or to every authenticated identity',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
  why:
    'system:unauthenticated and system:anonymous are whoever reaches the API server without credentials; ' +
    'system:authenticated is every identity with any valid credential, including the ServiceAccount token mounted ' +
    'in every pod of every namespace and any token a cloud provider issues for the cluster. A role bound to them ' +
    'is granted to an attacker with the smallest foothold, and to the internet when the API server is exposed.',
  fix: [
    'Bind the role to the users, groups or ServiceAccounts that need it, by name:',
    '',
    '    subjects:',
    '      - kind: Group',
    '        name: platform-team',
    '        apiGroup: rbac.authorization.k8s.io',
    '',
    'and keep anonymous authentication off on the API server (--anonymous-auth=false) where possible.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 1.2.1 (anonymous auth) and 5.1 (RBAC least privilege)',
    'NSA/CISA Kubernetes Hardening Guide: authentication, disable anonymous access',
    'Kubernetes documentation: RBAC, default roles and role bindings (system:authenticated, system:unauthenticated)',
    'kubesec BindingsToSystemAnonymous',
  ],
  messages: {
    everyone: '{kind} "{binding}" grants {role} to {subject}: anyone who reaches the API server, without credentials',
    authenticated: '{kind} "{binding}" grants {role} to system:authenticated: every identity with a valid credential, every pod token included',
  },
  claims: [
    {
      about: 'no role for anonymous or every authenticated identity', risk: true,
      names: [
        ...RBAC_LEAST_PRIVILEGE_NAMES,
        'system:anonymous',
        'system:unauthenticated',
        'system:authenticated',
        ['anonymous', 'RBAC'],
        ['anonymous', 'RoleBinding*'],
        ['anonymous', 'ClusterRoleBinding*'],
        ['anonymous', 'role binding*'],
        ['unauthenticated', 'RBAC'],
        ['all authenticated', 'RBAC'],
      ],
    },
  ],
  evaluate(object, ctx) {
    if (isSystemName(object.name)) return ctx.notApplicable();
    const ref = roleRefOf(object);
    const role = ref ? `${ref.kind} "${ref.name}"` : 'its role';
    for (const subject of subjectsOf(object)) {
      const broad = broadIdentity(subject);
      if (broad === 'everyone' || broad === 'authenticated')
        ctx.fail(object.at(['subjects', subject.index, 'name']), broad, { kind: object.kind, binding: object.name, role, subject: `${subject.kind} ${subject.name}` });
    }
  },
});
