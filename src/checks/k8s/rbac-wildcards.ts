import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { adminScope, entryPath, isSystemName, rulesOf } from '../../targets/k8s/rbac.js';
import { defineCheck } from '../define.js';

/*
 * Roles named system:... or gce:..., and the built-in cluster-admin, come with the cluster and are
 * skipped. One finding per rule: at its first wildcard, naming every field that has one; a rule that
 * allows everything (adminScope: every verb on every resource of every API group or of the core group) is reported once as such, and k8s/rbac-pod-exec and
 * k8s/rbac-secrets-access leave it to this check.
 */
export const rbacWildcards = defineCheck({
  id: 'k8s/rbac-wildcards',
  title: 'Roles name their verbs, resources and API groups instead of "*"',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole'],
  why:
    'A "*" grants everything that exists and everything added later: verbs include escalate, bind and impersonate, ' +
    'resources include Secrets, pods/exec and every CRD an operator installs tomorrow, API groups include the ones ' +
    'of admission webhooks and RBAC itself. Rules written with wildcards are rarely reviewed again, and one of them ' +
    'in a ClusterRole is usually cluster-admin in disguise.',
  fix: [
    'List what the subject actually calls (kubectl auth can-i --list, or the audit log, tells you):',
    '',
    '    rules:',
    '      - apiGroups: ["apps"]',
    '        resources: ["deployments"]',
    '        verbs: ["get", "list", "watch", "patch"]',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.3 (minimize wildcard use in Roles and ClusterRoles)',
    'NSA/CISA Kubernetes Hardening Guide: role-based access control, least privilege',
    'kube-linter wildcard-in-rules',
    'Checkov CKV_K8S_49',
  ],
  peers: [{ tool: 'kube-linter', rule: 'wildcard-in-rules', messages: ['verbs', 'resources', 'several', 'everything'] }],
  messages: {
    verbs: '{kind} "{name}" allows every verb ("*") in rule {rule}',
    resources: '{kind} "{name}" grants access to every resource ("*") in rule {rule}',
    apiGroups: '{kind} "{name}" matches every API group ("*") in rule {rule}',
    several: '{kind} "{name}" uses "*" for {fields} in rule {rule}',
    everything: '{kind} "{name}" allows every verb on every resource of {scope} in rule {rule}: admin in all but name',
  },
  claims: [
    { about: 'roles name their verbs and resources', names: [...RBAC_LEAST_PRIVILEGE_NAMES, ['RBAC', 'wildcard*'], ['role*', 'wildcard*'], ['wildcard*', 'verbs']] },
  ],
  evaluate(object, ctx) {
    if (isSystemName(object.name) || (object.kind === 'ClusterRole' && object.name === 'cluster-admin')) return ctx.notApplicable();
    for (const rule of rulesOf(object)) {
      const data = { kind: object.kind, name: object.name, rule: rule.index + 1 };
      const fields = (['apiGroups', 'resources', 'verbs'] as const).filter((field) => rule[field].includes('*'));
      const first = fields[0];
      if (!first) continue;
      const at = object.at(entryPath(rule, first, '*'));
      const scope = adminScope(rule);
      if (scope) ctx.fail(at, 'everything', { ...data, scope });
      else if (fields.length === 1) ctx.fail(at, first, data);
      else ctx.fail(at, 'several', { ...data, fields: fields.join(' and ') });
    }
  },
});

