import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const procMount = defineCheck({
  id: 'k8s/proc-mount',
  title: 'Containers keep the default masked /proc',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'By default the runtime masks and makes read-only the parts of /proc that describe or control the host kernel ' +
    '(/proc/kcore, /proc/sys, /proc/sysrq-trigger, ...). procMount: Unmasked removes that protection: a process in ' +
    'the container can read kernel memory layouts and, with enough privileges, write host kernel settings. It exists ' +
    'for nested container runtimes, not for applications.',
  fix: ['Remove procMount from the securityContext, or set it to the default:', '', '    securityContext:', '      procMount: Default'].join('\n'),
  refs: [
    'Kubernetes Pod Security Standards (baseline): /proc mount type must be Default',
    'Polaris procMount',
    'kube-linter unsafe-proc-mount',
  ],
  messages: {
    unmasked: 'container "{container}" sets procMount: {procMount}, unmasking /proc',
  },
  peers: [{ tool: 'polaris', rule: 'procMount' }],
  claims: [{ about: 'default masked /proc', names: ['procMount', ['/proc', 'unmask*']] }],
  evaluate(container, ctx) {
    const value = asString(container.securityContext.procMount);
    if (value !== undefined && value !== 'Default') ctx.fail(container.at('securityContext.procMount'), 'unmasked', { container: container.name, procMount: value });
  },
});
