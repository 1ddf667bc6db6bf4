import { defineCheck } from '../define.js';

/*
 * Only an explicit `namespace: default` is reported: a manifest without a namespace is
 * usually placed by `kubectl apply -n`, a kustomization or a Helm release, which the
 * manifest cannot show.
 */
export const defaultNamespace = defineCheck({
  id: 'k8s/default-namespace',
  title: 'Workloads are not deployed to the default namespace',
  severity: 'low',
  target: 'k8s-workload',
  why:
    'The default namespace is where everything lands by accident: ad-hoc pods, test deployments, forgotten ' +
    'experiments. A workload there shares its ServiceAccount, NetworkPolicies, quotas and RBAC grants with all of ' +
    'them, and Pod Security admission labels are rarely set on it. A namespace of its own gives the workload its own ' +
    'policy boundary.',
  fix: [
    'Create a namespace for the application, with Pod Security enforced, and deploy into it:',
    '',
    '    apiVersion: v1',
    '    kind: Namespace',
    '    metadata:',
    '      name: shop',
    '      labels:',
    '        pod-security.kubernetes.io/enforce: restricted',
    '',
    'and in the workload: metadata: { namespace: shop } (or namespace: shop in the kustomization).',
  ].join('\n'),
  refs: ['CIS Kubernetes Benchmark 5.7.4 (the default namespace should not be used)', 'NSA/CISA Kubernetes Hardening Guide: namespaces', 'Checkov CKV_K8S_21'],
  messages: {
    defaultNamespace: '{workload} is deployed to the default namespace',
  },
  claims: [{ about: 'workloads not in the default namespace', names: ['default namespace'] }],
  evaluate(workload, ctx) {
    if (workload.object.namespace === 'default') ctx.fail(workload.object.at('metadata.namespace'), 'defaultNamespace', { workload: `${workload.kind}/${workload.name}` });
  },
});
