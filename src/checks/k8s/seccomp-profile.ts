import { SECCOMP_NAMES } from '../../targets/docker/claims.js';
import { SECURITY_CONTEXT_NAMES } from '../../targets/k8s/claims.js';
import { asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfile = defineCheck({
  id: 'k8s/seccomp-profile',
  title: 'Containers run under a seccomp profile',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'Without a seccomp profile Kubernetes runs containers Unconfined: every one of the ~400 Linux system calls is ' +
    'open, including the rarely used ones (keyctl, bpf, userfaultfd, unshare, mount) that most kernel privilege ' +
    'escalations and container escapes go through. The runtime default profile blocks them at no cost to a normal ' +
    'application.',
  fix: [
    'Set it once on the pod, which every container inherits:',
    '',
    '    spec:',
    '      securityContext:',
    '        seccompProfile:',
    '          type: RuntimeDefault',
    '',
    'or use type: Localhost with localhostProfile: <file under the kubelet seccomp directory> for a tighter profile.',
    'Remove type: Unconfined from containers; the legacy seccomp.security.alpha.kubernetes.io annotations are no longer honoured.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.7.2 (ensure that the seccomp profile is set to docker/default or runtime/default)',
    'NSA/CISA Kubernetes Hardening Guide: use seccomp',
    'Kubernetes Pod Security Standards (restricted): seccompProfile.type must be RuntimeDefault or Localhost',
    'kube-score container-seccomp-profile',
    'Checkov CKV_K8S_31',
  ],
  messages: {
    notSet: 'container "{container}" runs without a seccomp profile: neither it nor its pod sets seccompProfile.type',
    unconfined: 'container "{container}" runs with seccompProfile.type: {type}',
  },
  claims: [{ about: 'seccomp profile', names: [...SECCOMP_NAMES, ...SECURITY_CONTEXT_NAMES] }],
  evaluate(container, ctx) {
    const own = asString(asRecord(container.securityContext.seccompProfile)?.type);
    const pod = asString(asRecord(asRecord(container.workload.podSpec.securityContext)?.seccompProfile)?.type);
    const type = own ?? pod;
    if (type === undefined) return ctx.fail(container.at('securityContext.seccompProfile.type'), 'notSet', { container: container.name });
    if (CONFINED.has(type)) return;
    const at = own !== undefined ? container.at('securityContext.seccompProfile.type') : container.workload.at('securityContext.seccompProfile.type');
    ctx.fail(at, 'unconfined', { container: container.name, type });
  },
});
