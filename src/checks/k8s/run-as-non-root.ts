import { NON_ROOT_NAMES } from '../../targets/docker/claims.js';
import { SECURITY_CONTEXT_NAMES } from '../../targets/k8s/claims.js';
import { effectiveSecurityContext } from '../../targets/k8s/security-context.js';
import { defineCheck } from '../define.js';

export const runAsNonRoot = defineCheck({
  id: 'k8s/run-as-non-root',
  title: 'Containers run as a non-root user',
  severity: 'medium',
  target: 'k8s-container',
  why: 'A container running as root turns any code execution into root in the pod, one kernel bug away from the node.',
  fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser (on the container or the pod).',
  refs: ['CIS Kubernetes Benchmark 5.2.6', 'NSA/CISA Kubernetes Hardening Guide: non-root containers', 'Polaris runAsRootAllowed'],
  messages: {
    notSet: 'container "{container}" does not set runAsNonRoot: true',
    rootUser: 'container "{container}" sets runAsUser: 0',
  },
  peers: [{ tool: 'polaris', rule: 'runAsRootAllowed' }],
  claims: [{ about: 'containers run as a non-root user', names: [...NON_ROOT_NAMES, ...SECURITY_CONTEXT_NAMES, 'runAsNonRoot', 'runAsUser'] }],
  evaluate(container, ctx) {
    const effective = effectiveSecurityContext(container);
    if (effective.runAsUser === 0) {
      const own = container.securityContext.runAsUser === 0;
      ctx.fail(own ? container.at('securityContext.runAsUser') : container.workload.at('securityContext.runAsUser'), 'rootUser', { container: container.name });
    } else if (effective.runAsNonRoot !== true && !(effective.runAsUser !== undefined && effective.runAsUser > 0)) {
      ctx.fail(container.at('securityContext'), 'notSet', { container: container.name });
    }
  },
});
