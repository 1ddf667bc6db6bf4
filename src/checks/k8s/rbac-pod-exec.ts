import { RBAC_LEAST_PRIVILEGE_NAMES } from '../../targets/k8s/claims.js';
import { covering, coveringResource, DEFAULT_CLUSTER_ROLES, entryPath, isAdminRule, isSystemName, rulesOf } from '../../targets/k8s/rbac.js';
import { defineCheck } from '../define.js';

/*
 * pods/exec and pods/attach are reached with create (SPDY) or get (WebSocket upgrades, still
 * honoured by API servers before 1.31), so both verbs count, as in Polaris. Wildcards count: "*"
 * in apiGroups, resources (including the "* /exec" form) or verbs; "pods/*" is no wildcard to the RBAC
 * authorizer (it matches a subresource literally named "*"), so it grants neither. Roles named system:... or
 * gce:..., and the built-in ClusterRoles cluster-admin, admin and edit, are skipped.
 */
export const rbacPodExec = defineCheck({
  id: 'k8s/rbac-pod-exec',
  title: 'Roles do not allow exec or attach into pods',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole'],
  why:
    'pods/exec runs any command in any container the role reaches, with that container’s identity: its mounted ' +
    'Secrets and ServiceAccount token, its network position, and root if the container runs as root. It bypasses ' +
    'every control on what the image contains. A CI or operator identity with exec is an interactive shell on the ' +
    'production workloads for whoever steals its token.',
  fix: [
    'Remove pods/exec and pods/attach from the role; for break-glass debugging, grant them to a separate group,',
    'bound for a limited time and audited:',
    '',
    '    rules:',
    '      - apiGroups: [""]',
    '        resources: ["pods", "pods/log"]',
    '        verbs: ["get", "list", "watch"]',
  ].join('\n'),
  refs: [
    'Kubernetes documentation: Role Based Access Control Good Practices (pods/exec, workload creation)',
    'NSA/CISA Kubernetes Hardening Guide: role-based access control, least privilege',
    'Polaris clusterrolePodExecAttach, rolePodExecAttach',
    'Checkov CKV2_K8S_2',
  ],
  peers: [
    { tool: 'polaris', rule: 'clusterrolePodExecAttach' },
    { tool: 'polaris', rule: 'rolePodExecAttach' },
  ],
  messages: {
    exec: '{kind} "{name}" allows {verb} on pods/exec: a shell in any pod it reaches',
    attach: '{kind} "{name}" allows {verb} on pods/attach: the console of any pod it reaches',
    execAndAttach: '{kind} "{name}" allows {verb} on every resource, pods/exec and pods/attach included: a shell in any pod it reaches',
  },
  claims: [
    {
      about: 'no exec into pods', risk: true,
      names: [
        ...RBAC_LEAST_PRIVILEGE_NAMES,
        'pods/exec',
        'pods/attach',
        ['exec', 'RBAC'],
        ['kubectl exec', 'role*'],
        ['kubectl exec', 'permission*'],
        ['exec', 'into pods', 'role*'],
      ],
    },
  ],
  evaluate(object, ctx) {
    if (isSystemName(object.name) || (object.kind === 'ClusterRole' && DEFAULT_CLUSTER_ROLES.has(object.name))) return ctx.notApplicable();
    for (const rule of rulesOf(object)) {
      // Everything on everything: k8s/rbac-wildcards reports the rule once.
      if (covering(rule.apiGroups, '') === undefined || isAdminRule(rule)) continue;
      const verb = covering(rule.verbs, 'create') ?? covering(rule.verbs, 'get');
      if (!verb) continue;
      const exec = coveringResource(rule, 'pods/exec');
      const attach = coveringResource(rule, 'pods/attach');
      const data = { kind: object.kind, name: object.name, verb };
      // One entry granting both (`*`): one finding.
      if (exec && exec === attach) ctx.fail(object.at(entryPath(rule, 'resources', exec)), 'execAndAttach', data);
      else {
        if (exec) ctx.fail(object.at(entryPath(rule, 'resources', exec)), 'exec', data);
        if (attach) ctx.fail(object.at(entryPath(rule, 'resources', attach)), 'attach', data);
      }
    }
  },
});
