import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const defaultServiceAccount = defineCheck({
  id: 'k8s/default-service-account',
  title: 'Pods run as their own ServiceAccount, not the namespace default',
  severity: 'low',
  target: 'k8s-workload',
  why:
    'Every pod that names no ServiceAccount runs as its namespace’s "default" one, which is shared by every such pod ' +
    'and is what people bind roles to when "the app needs to read a ConfigMap". The next binding to default then ' +
    'reaches every workload of the namespace, the audit log cannot tell them apart, and NetworkPolicy or admission ' +
    'rules keyed on the identity cannot single one out.',
  fix: [
    'Give the workload its own ServiceAccount, without a token unless it calls the API:',
    '',
    '    apiVersion: v1',
    '    kind: ServiceAccount',
    '    metadata: { name: redis, namespace: my-app }',
    '    automountServiceAccountToken: false',
    '    ---',
    '    # pod spec',
    '    serviceAccountName: redis',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.1.5 (ensure that default service accounts are not actively used)',
    'NSA/CISA Kubernetes Hardening Guide: service accounts, one per workload',
    'kube-linter default-service-account',
  ],
  peers: [{ tool: 'kube-linter', rule: 'default-service-account' }],
  messages: {
    unset: '{workload} names no serviceAccountName: its pods run as the namespace default ServiceAccount',
    explicitDefault: '{workload} sets serviceAccountName: default',
  },
  claims: [
    {
      about: 'pods run as their own ServiceAccount',
      names: [
        'default service account*',
        'default ServiceAccount*',
        'serviceAccountName',
        ['dedicated', 'service account*'],
        ['dedicated', 'ServiceAccount*'],
        ['own', 'ServiceAccount'],
      ],
    },
  ],
  evaluate(workload, ctx) {
    const name = asString(workload.podSpec.serviceAccountName) || asString(workload.podSpec.serviceAccount);
    const data = { workload: `${workload.kind}/${workload.name}` };
    if (!name) ctx.fail(workload.at('serviceAccountName'), 'unset', data);
    else if (name === 'default') ctx.fail(workload.at(workload.podSpec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'), 'explicitDefault', data);
  },
});
