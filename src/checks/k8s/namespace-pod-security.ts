import { asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
/** Namespaces the cluster itself runs privileged components in. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export const namespacePodSecurity = defineCheck({
  id: 'k8s/namespace-pod-security',
  title: 'Namespaces enforce a Pod Security Standard',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['v1/Namespace'],
  why:
    'Pod Security Admission rejects pods that break the namespace’s standard: privileged containers, host ' +
    'namespaces and paths, root users, added capabilities. Without the enforce label nothing stops such a pod — ' +
    'a manifest edit, a Helm chart default or an attacker with create on pods gets a node-level foothold. Every ' +
    'per-workload check in this catalog only describes what the repository says; enforcement makes it true in the cluster.',
  fix: [
    'Label the Namespace (restricted for application namespaces, baseline where a workload truly needs more):',
    '',
    '    metadata:',
    '      name: my-app',
    '      labels:',
    '        pod-security.kubernetes.io/enforce: restricted',
    '        pod-security.kubernetes.io/enforce-version: latest',
    '        pod-security.kubernetes.io/warn: restricted',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.1 (ensure that the cluster has at least one active policy control mechanism in place)',
    'NSA/CISA Kubernetes Hardening Guide: pod security, admission control',
    'Kubernetes documentation: Pod Security Admission, Pod Security Standards',
  ],
  messages: {
    notEnforced: 'Namespace "{namespace}" has no {label} label: no Pod Security Standard is enforced',
    privileged: 'Namespace "{namespace}" enforces the privileged Pod Security Standard, which allows everything',
  },
  claims: [
    {
      about: 'Pod Security Standard enforced',
      names: [
        'Pod Security Standard*',
        'Pod Security Admission',
        'pod-security.kubernetes.io',
        'PodSecurityPolicy',
        'Pod Security Polic*',
        'PSA',
        ['pod security', 'enforce*'],
        ['pod security', 'label*'],
      ],
    },
  ],
  evaluate(object, ctx) {
    if (SYSTEM_NAMESPACES.has(object.name)) return ctx.notApplicable();
    const labels = asRecord(asRecord(object.data.metadata)?.labels);
    const level = asString(labels?.[ENFORCE])?.trim().toLowerCase();
    if (level === undefined) ctx.fail(object.at(labels ? 'metadata.labels' : 'metadata.name'), 'notEnforced', { namespace: object.name, label: ENFORCE });
    else if (level === 'privileged') ctx.fail(object.at(['metadata', 'labels', ENFORCE]), 'privileged', { namespace: object.name });
  },
});
