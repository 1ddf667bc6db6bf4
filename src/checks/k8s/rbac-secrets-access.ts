import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { covering, coveringResource, DEFAULT_CLUSTER_ROLES, entryPath, isAdminRule, isSystemName, rulesOf } from '../../targets/k8s/rbac.js';
import { defineCheck } from '../define.js';

/*
 * A rule grants Secrets when its apiGroups cover the core group ("" or "*"), its resources cover
 * "secrets" ("secrets" or "*") and it names no resourceNames (a rule limited to named Secrets is
 * the least-privilege way to read one). Roles named system:... or gce:..., and the built-in
 * ClusterRoles cluster-admin, admin and edit, come with the cluster and are skipped.
 */
export const rbacSecretsAccess = defineCheck({
  id: 'k8s/rbac-secrets-access',
  title: 'Roles do not read Secrets broadly',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole'],
  why:
    'Secrets hold database passwords, API keys, TLS keys and the tokens of other ServiceAccounts. get on secrets ' +
    'reads any of them by name; list and watch return all of them, values included, in one call, so a leaked token ' +
    'of the subject becomes every credential of the namespace (or, in a ClusterRole, of the cluster). Reading ' +
    'another ServiceAccount token is also the classic RBAC privilege escalation.',
  fix: [
    'Mount the Secret the workload needs as a volume instead of reading it from the API; if the API is needed,',
    'limit the rule to the named Secrets and to get:',
    '',
    '    rules:',
    '      - apiGroups: [""]',
    '        resources: ["secrets"]',
    '        resourceNames: ["app-config"]',
    '        verbs: ["get"]',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.2 (minimize access to secrets)',
    'NSA/CISA Kubernetes Hardening Guide: role-based access control, least privilege',
    'kube-linter access-to-secrets; Checkov CKV2_K8S_5',
  ],
  messages: {
    listSecrets: '{kind} "{name}" can {verb} Secrets: every Secret {scope}, values included, in one call',
    readSecrets: '{kind} "{name}" can get any Secret {scope} by name',
  },
  claims: [
    {
      about: 'roles do not read Secrets broadly',
      names: [
        ...RBAC_LEAST_PRIVILEGE_NAMES,
        ['RBAC', 'secrets'],
        'list secrets',
        'get secrets',
        'watch secrets',
        ['role*', 'read', 'secrets'],
        ['ServiceAccount*', 'read', 'secrets'],
        ['access to secrets', 'minimi*'],
        ['access to secrets', 'RBAC'],
        ['access to secrets', 'role*'],
      ],
    },
  ],
  evaluate(object, ctx) {
    if (isSystemName(object.name) || (object.kind === 'ClusterRole' && DEFAULT_CLUSTER_ROLES.has(object.name))) return ctx.notApplicable();
    const scope = object.kind === 'ClusterRole' ? 'of the cluster (or of a namespace where it is bound)' : `of namespace ${object.namespace ?? '(unset)'}`;
    for (const rule of rulesOf(object)) {
      // Everything on everything: k8s/rbac-wildcards reports the rule once.
      if (covering(rule.apiGroups, '') === undefined || rule.resourceNames.length > 0 || isAdminRule(rule)) continue;
      const resource = coveringResource(rule, 'secrets');
      if (!resource) continue;
      const at = object.at(entryPath(rule, 'resources', resource));
      const bulk = covering(rule.verbs, 'list') ?? covering(rule.verbs, 'watch');
      const data = { kind: object.kind, name: object.name, scope };
      if (bulk) ctx.fail(at, 'listSecrets', { ...data, verb: bulk === '*' ? 'list and watch ("*")' : rule.verbs.filter((v) => v === 'list' || v === 'watch').join(' and ') });
      else if (covering(rule.verbs, 'get')) ctx.fail(at, 'readSecrets', data);
    }
  },
});
