import { DANGEROUS_CAPABILITY_NAMES } from '../../targets/docker/claims.js';
import { DANGEROUS_CAPABILITIES, containerCapabilities } from '../../targets/k8s/capabilities.js';
import { SECURITY_CONTEXT_NAMES } from '../../targets/k8s/claims.js';
import { defineCheck } from '../define.js';


export const capabilitiesDropAll = defineCheck({
  id: 'k8s/capabilities-drop-all',
  title: 'Containers drop all Linux capabilities and add no dangerous ones',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'The runtime grants a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, KILL, ...) ' +
    'that almost no application needs and that an attacker with code execution uses to forge packets, change file ' +
    'ownership or switch users. Dropping ALL leaves only what is added back on purpose. Adding SYS_ADMIN, NET_ADMIN, ' +
    'SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH or ALL hands out the powers container escapes are built on.',
  fix: [
    'On every container (capabilities are not a pod-level field), drop everything and add back only what the process needs:',
    '',
    '    securityContext:',
    '      capabilities:',
    '        drop: ["ALL"]',
    '        add: ["NET_BIND_SERVICE"]   # only if it binds a port below 1024',
    '',
    'Remove dangerous capabilities from add; if a sidecar truly needs NET_ADMIN (a service mesh init container), waive it with a reason.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.7 (NET_RAW), 5.2.8 (added capabilities), 5.2.9 (capabilities assigned)',
    'NSA/CISA Kubernetes Hardening Guide: pod security, drop unneeded capabilities',
    'Kubernetes Pod Security Standards (restricted): capabilities must drop ALL and add only NET_BIND_SERVICE',
    'Polaris insecureCapabilities and dangerousCapabilities',
    'kube-score container-security-context-capabilities (drop ALL)',
    'kube-linter drop-net-raw-capability',
  ],
  messages: {
    dropAllMissing: 'container "{container}" does not drop ALL capabilities',
    dangerousAdd: 'container "{container}" adds the dangerous capability {capability}',
  },
  peers: [
    { tool: 'polaris', rule: 'dangerousCapabilities', messages: ['dangerousAdd'] },
    { tool: 'polaris', rule: 'insecureCapabilities', messages: ['dropAllMissing'] },
  ],
  claims: [
    {
      about: 'capabilities dropped',
      names: [...SECURITY_CONTEXT_NAMES, 'drop all capabilit*', 'drop: ALL', 'cap_drop', 'Linux capabilit*', 'NET_RAW', ['capabilities', 'drop*']],
      messages: ['dropAllMissing', 'dangerousAdd'],
    },
    { about: 'no dangerous capabilities', risk: true, names: DANGEROUS_CAPABILITY_NAMES, messages: ['dangerousAdd'] },
  ],
  evaluate(container, ctx) {
    const capabilities = containerCapabilities(container);
    if (!capabilities.dropsAll) ctx.fail(container.at('securityContext.capabilities.drop'), 'dropAllMissing', { container: container.name });
    for (const entry of capabilities.add) {
      if (DANGEROUS_CAPABILITIES.has(entry.name)) ctx.fail(container.at(entry.path), 'dangerousAdd', { container: container.name, capability: entry.name });
    }
  },
});
