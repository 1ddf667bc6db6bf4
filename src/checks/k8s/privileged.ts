import { PRIVILEGED_NAMES } from '../../targets/docker/claims.js';
import { defineCheck } from '../define.js';

export const privileged = defineCheck({
  id: 'k8s/privileged',
  title: 'Containers do not run privileged',
  severity: 'high',
  target: 'k8s-container',
  why:
    'A privileged container gets every capability, every host device under /dev, no seccomp or AppArmor confinement ' +
    'and a writable /sys: it is root on the node with a few extra steps (mount the host disk, load a kernel module, ' +
    'nsenter into PID 1). Anyone who gets code execution in it, or can exec into it, owns the node and every pod on it.',
  fix: [
    'Remove privileged: true (or set it to false) and grant only the specific capability the process needs:',
    '',
    '    securityContext:',
    '      privileged: false',
    '      allowPrivilegeEscalation: false',
    '      capabilities:',
    '        drop: ["ALL"]',
    '        add: ["NET_BIND_SERVICE"]   # only what is really needed',
    '',
    'Node agents that truly need host access (CNI, CSI drivers) belong in their own namespace with a waiver and a reason.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.2 (minimize the admission of privileged containers)',
    'NSA/CISA Kubernetes Hardening Guide: non-root containers and privileged containers',
    'Kubernetes Pod Security Standards (baseline): privileged containers are disallowed',
    'Polaris runAsPrivileged',
    'kube-linter privileged-container',
    'kube-score container-security-context-privileged',
    'Checkov CKV_K8S_16',
  ],
  messages: {
    privileged: 'container "{container}" runs privileged',
  },
  peers: [{ tool: 'polaris', rule: 'runAsPrivileged' }],
  claims: [{ about: 'not privileged', risk: true, names: PRIVILEGED_NAMES }],
  evaluate(container, ctx) {
    // privileged is a container field only: the pod securityContext has none, so it is not read there.
    if (container.securityContext.privileged === true) ctx.fail(container.at('securityContext.privileged'), 'privileged', { container: container.name });
  },
});
