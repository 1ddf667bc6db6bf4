import { SECURITY_CONTEXT_NAMES } from '../../targets/k8s/claims.js';
import { defineCheck } from '../define.js';

export const readOnlyRootFilesystem = defineCheck({
  id: 'k8s/read-only-root-filesystem',
  title: 'Containers run with a read-only root filesystem',
  severity: 'low',
  target: 'k8s-container',
  why:
    'A writable root filesystem lets an attacker who gets code execution drop tools, replace binaries and config, or ' +
    'persist across process restarts inside the container. With a read-only root, writes go only to the volumes you ' +
    'chose, which are visible in the manifest and can be size-limited. It is defence in depth, hence low severity.',
  fix: [
    'Set it on every container (the pod securityContext has no such field) and mount an emptyDir where the app must write:',
    '',
    '    securityContext:',
    '      readOnlyRootFilesystem: true',
    '    volumeMounts:',
    '      - name: tmp',
    '        mountPath: /tmp',
    '  # in the pod spec:',
    '  volumes:',
    '    - name: tmp',
    '      emptyDir: { sizeLimit: 64Mi }',
  ].join('\n'),
  refs: [
    'NSA/CISA Kubernetes Hardening Guide: immutable container filesystems',
    'CIS Docker Benchmark 5.12 (mount the container root filesystem as read only)',
    'Polaris notReadOnlyRootFilesystem',
    'kube-score container-security-context-readonlyrootfilesystem',
    'kube-linter no-read-only-root-fs',
  ],
  messages: {
    notSet: 'container "{container}" does not set readOnlyRootFilesystem: true',
    writable: 'container "{container}" sets readOnlyRootFilesystem: false',
  },
  peers: [{ tool: 'polaris', rule: 'notReadOnlyRootFilesystem' }],
  claims: [
    {
      about: 'read-only root filesystem',
      names: [
        ...SECURITY_CONTEXT_NAMES,
        'readOnlyRootFilesystem',
        'read-only root filesystem',
        'read-only root fs',
        'read-only filesystem',
        'read_only: true',
        'immutable filesystem',
        ['root filesystem', 'read only'],
      ],
    },
  ],
  evaluate(container, ctx) {
    const setting = container.securityContext.readOnlyRootFilesystem;
    const at = container.at('securityContext.readOnlyRootFilesystem');
    if (setting === false) ctx.fail(at, 'writable', { container: container.name });
    else if (setting !== true) ctx.fail(at, 'notSet', { container: container.name });
  },
});
