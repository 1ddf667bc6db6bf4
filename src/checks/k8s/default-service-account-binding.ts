import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { broadIdentity, isSystemName, roleRefOf, subjectsOf } from '../../targets/k8s/rbac.js';
import { defineCheck } from '../define.js';

/* Bindings named system:... or gce:... come with the cluster and are skipped. */
export const defaultServiceAccountBinding = defineCheck({
  id: 'k8s/default-service-account-binding',
  title: 'No role is bound to the default ServiceAccount or to all ServiceAccounts',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
  why:
    'Every pod that does not name a ServiceAccount runs as its namespace’s default one, so a role bound to it is ' +
    'handed to every such pod: the next workload, a debug pod, a third-party chart, each with the token mounted ' +
    'unless automount is disabled. Binding the group system:serviceaccounts (or system:serviceaccounts:<namespace>) ' +
    'does the same for every ServiceAccount of the cluster or namespace.',
  fix: [
    'Create a ServiceAccount for the workload that needs the role, bind that one, and name it in the pod spec:',
    '',
    '    subjects:',
    '      - kind: ServiceAccount',
    '        name: report-exporter',
    '        namespace: my-app',
    '    # Deployment: spec.template.spec.serviceAccountName: report-exporter',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.5 (ensure that default service accounts are not actively used)',
    'NSA/CISA Kubernetes Hardening Guide: service account tokens, dedicated accounts per workload',
  ],
  messages: {
    defaultServiceAccount: '{kind} "{binding}" grants {role} to the default ServiceAccount{namespace}: every pod without its own ServiceAccount gets it',
    allServiceAccounts: '{kind} "{binding}" grants {role} to the group {group}: every ServiceAccount in it gets it',
  },
  claims: [
    {
      about: 'no role bound to the default ServiceAccount', risk: true,
      names: [
        ...RBAC_LEAST_PRIVILEGE_NAMES,
        ['default service account*', 'role*'],
        ['default service account*', 'bind*'],
        ['default ServiceAccount*', 'role*'],
        ['default ServiceAccount*', 'bind*'],
        'system:serviceaccounts',
      ],
    },
  ],
  evaluate(object, ctx) {
    if (isSystemName(object.name)) return ctx.notApplicable();
    const ref = roleRefOf(object);
    const role = ref ? `${ref.kind} "${ref.name}"` : 'its role';
    for (const subject of subjectsOf(object)) {
      const at = object.at(['subjects', subject.index, 'name']);
      const data = { kind: object.kind, binding: object.name, role };
      if (subject.kind === 'ServiceAccount' && subject.name === 'default') {
        const namespace = subject.namespace ?? object.namespace;
        ctx.fail(at, 'defaultServiceAccount', { ...data, namespace: namespace ? ` of namespace ${namespace}` : '' });
      } else if (broadIdentity(subject) === 'serviceaccounts') {
        ctx.fail(at, 'allServiceAccounts', { ...data, group: subject.name });
      }
    }
  },
});
