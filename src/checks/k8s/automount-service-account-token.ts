import { serviceAccountAutomount } from '../../targets/k8s/service-accounts.js';
import { defineCheck } from '../define.js';

/*
 * Beyond the pod spec, this reads the ServiceAccount the pod runs as (when its manifest is
 * in the repository, as Polaris does) and the RoleBindings / ClusterRoleBindings naming it:
 * a ServiceAccount that is granted a role is there to call the API, so its pods keep the token.
 */
export const automountServiceAccountToken = defineCheck({
  id: 'k8s/automount-service-account-token',
  title: 'Pods do not mount a Kubernetes API token they do not use',
  severity: 'medium',
  target: 'k8s-workload',
  why:
    'By default every pod gets its ServiceAccount token mounted at /var/run/secrets/kubernetes.io/serviceaccount. An ' +
    'attacker with code execution or a file-read bug in the app uses it to query the API server: enumerate the ' +
    'cluster, read Secrets or change workloads, as far as RBAC (often broader than intended) allows. A pod that never ' +
    'talks to the API should not carry one.',
  fix: [
    'On the pod spec of the workload:',
    '',
    '    spec:',
    '      automountServiceAccountToken: false',
    '',
    'or on its ServiceAccount, which covers every pod that uses it (the pod-level field wins when both are set):',
    '',
    '    apiVersion: v1',
    '    kind: ServiceAccount',
    '    metadata: { name: app }',
    '    automountServiceAccountToken: false',
    '',
    'A pod that does call the API keeps its token: give it its own ServiceAccount bound to a minimal Role.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.6 (ensure that Service Account Tokens are only mounted where necessary)',
    'NSA/CISA Kubernetes Hardening Guide: disable automounting of service account tokens',
    'Polaris automountServiceAccountToken',
    'Checkov CKV_K8S_38',
  ],
  messages: {
    notDisabled: '{workload} does not set automountServiceAccountToken: false and runs as ServiceAccount "{serviceAccount}"',
    podMountsToken: '{workload} sets automountServiceAccountToken: true, but no role is bound to ServiceAccount "{serviceAccount}"',
    serviceAccountMountsToken: 'ServiceAccount "{serviceAccount}" used by {workload} does not set automountServiceAccountToken: false, nor does the pod',
  },
  peers: [{ tool: 'polaris', rule: 'automountServiceAccountToken' }],
  claims: [
    {
      about: 'no unused API token mounted',
      names: [
        'automount*',
        ['service account token*', 'mount*'],
        ['ServiceAccount token*', 'mount*'],
        ['SA token*', 'mount*'],
        ['API token*', 'pod*', 'mount*'],
        '/var/run/secrets/kubernetes.io',
      ],
    },
  ],
  evaluate(workload, ctx) {
    const podSetting = workload.podSpec.automountServiceAccountToken;
    if (podSetting === false) return;
    const account = workload.serviceAccount;
    if (account.bindings.length > 0) return;
    const data = { workload: `${workload.kind}/${workload.name}`, serviceAccount: account.name };
    if (podSetting === true) ctx.fail(workload.at('automountServiceAccountToken'), 'podMountsToken', data);
    else if (!account.object) ctx.fail(workload.at('automountServiceAccountToken'), 'notDisabled', data);
    else if (serviceAccountAutomount(account.object) !== false) ctx.fail(account.object.at('automountServiceAccountToken'), 'serviceAccountMountsToken', data);
  },
});
