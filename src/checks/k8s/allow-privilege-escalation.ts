import { containerCapabilities } from '../../targets/k8s/capabilities.js';
import { SECURITY_CONTEXT_NAMES } from '../../targets/k8s/claims.js';
import { defineCheck } from '../define.js';

/*
 * Severity medium: escalation needs code execution first and a setuid binary or a
 * file capability in the image to use; it is the same layer of defence as
 * run-as-non-root. privileged: true also fails here (it implies escalation), but
 * deserves a check of its own at a higher severity.
 */
export const allowPrivilegeEscalation = defineCheck({
  id: 'k8s/allow-privilege-escalation',
  title: 'Containers cannot gain more privileges than their parent process',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'Unless allowPrivilegeEscalation is false, the container process is started without no_new_privs: a setuid binary ' +
    '(su, sudo, ping, a planted one) or a file capability in the image lifts an attacker from the app user to root or ' +
    'to capabilities the container was meant not to have. A privileged container, or one granted CAP_SYS_ADMIN, ' +
    'always allows escalation, whatever the field says.',
  fix: [
    'Set it on every container, init containers included (the pod securityContext has no such field):',
    '',
    '    securityContext:',
    '      allowPrivilegeEscalation: false',
    '',
    'and remove privileged: true and SYS_ADMIN from capabilities.add; Kubernetes rejects allowPrivilegeEscalation: false next to either.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.5 (minimize the admission of containers with allowPrivilegeEscalation)',
    'NSA/CISA Kubernetes Hardening Guide: pod security, prevent privilege escalation',
    'Kubernetes Pod Security Standards (restricted): allowPrivilegeEscalation must be false',
    'Polaris privilegeEscalationAllowed',
    'kube-linter privilege-escalation-container',
    'kube-score container-security-context-privileged',
  ],
  messages: {
    notSet: 'container "{container}" does not set allowPrivilegeEscalation: false',
    allowed: 'container "{container}" sets allowPrivilegeEscalation: true',
    privileged: 'container "{container}" is privileged, which always allows privilege escalation',
    sysAdmin: 'container "{container}" adds {capability}, which always allows privilege escalation',
  },
  peers: [{ tool: 'polaris', rule: 'privilegeEscalationAllowed' }],
  claims: [
    {
      about: 'no privilege escalation', risk: true,
      names: [
        ...SECURITY_CONTEXT_NAMES,
        'allowPrivilegeEscalation',
        'no_new_privs',
        'no-new-privileges',
        'additional privileges',
        ['privilege escalation', 'container*'],
        ['privilege escalation', 'pod*'],
        ['setuid', 'container*'],
      ],
    },
  ],
  evaluate(container, ctx) {
    const data = { container: container.name };
    const sysAdmin = containerCapabilities(container).add.find((entry) => entry.name === 'SYS_ADMIN' || entry.name === 'ALL');
    const setting = container.securityContext.allowPrivilegeEscalation;
    if (container.securityContext.privileged === true) ctx.fail(container.at('securityContext.privileged'), 'privileged', data);
    else if (sysAdmin) ctx.fail(container.at(sysAdmin.path), 'sysAdmin', { ...data, capability: sysAdmin.written });
    else if (setting === true) ctx.fail(container.at('securityContext.allowPrivilegeEscalation'), 'allowed', data);
    else if (setting !== false) ctx.fail(container.at('securityContext.allowPrivilegeEscalation'), 'notSet', data);
  },
});
