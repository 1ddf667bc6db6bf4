import { DANGEROUS_CAPABILITY_NAMES, HOST_IPC_NAMES, HOST_NETWORK_NAMES, HOST_PID_NAMES, PRIVILEGED_NAMES } from '../../targets/docker/claims.js';
import { DANGEROUS_CAPABILITIES, normalizeCapability } from '../../targets/k8s/capabilities.js';
import { dottedPath, valuesMaps, type ValuesMap } from '../../targets/k8s/helm-values.js';
import { asArray, asRecord } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

type Grant = 'privileged' | 'privilegeEscalation' | 'runAsNonRootOff' | 'rootUser' | 'dangerousCapability' | 'hostNamespace';

/** `securityContext`, `podSecurityContext`, `containerSecurityContext`, `initContainerSecurityContext`, ... */
const SECURITY_CONTEXT_KEY = /securitycontext$/i;
const HOST_NAMESPACES = new Map([
  ['hostNetwork', 'network'],
  ['hostPID', 'process'],
  ['hostIPC', 'IPC'],
]);

const DEFAULT_NOTE = "the chart's default; an install may override it";

export const helmValuesPrivilege = defineCheck({
  id: 'k8s/helm-values-privilege',
  title: 'Helm chart values grant no privilege by default',
  severity: 'high',
  target: 'helm-values',
  why:
    "A chart's values.yaml is what every install renders unless it overrides it, and the chart conventions (the `helm " +
    'create` scaffold, Bitnami) copy `securityContext`, `podSecurityContext` and `containerSecurityContext` into the ' +
    'pods as written. A default of `privileged: true`, `allowPrivilegeEscalation: true`, `runAsUser: 0`, an added ' +
    'SYS_ADMIN or NET_ADMIN, or `hostNetwork`/`hostPID`/`hostIPC: true` hands every install that power over the node. ' +
    'Values the chart leaves unset, and those of a component it switches off (`enabled: false`), are not judged: what ' +
    'the templates do then is only known once rendered.',
  fix: [
    'Default to the least privilege and let the installs that truly need more ask for it:',
    '',
    '    podSecurityContext:',
    '      runAsNonRoot: true',
    '      runAsUser: 10001',
    '    securityContext:',
    '      allowPrivilegeEscalation: false',
    '      capabilities:',
    '        drop: ["ALL"]',
    '    hostNetwork: false',
    '',
    'Check the rendered pods too: helm template NAME CHART | harden scan -',
  ].join('\n'),
  refs: [
    'Helm documentation, Chart Best Practices: Pods and PodTemplates',
    'Kubernetes Pod Security Standards (baseline and restricted)',
    'CIS Kubernetes Benchmark 5.2 (privileged containers, host namespaces, privilege escalation, root containers, capabilities)',
  ],
  messages: {
    privileged: { text: `chart "{chart}" defaults {path} to true: its containers run privileged (${DEFAULT_NOTE})`, severity: 'high' },
    privilegeEscalation: { text: `chart "{chart}" defaults {path} to true: setuid binaries may gain privileges (${DEFAULT_NOTE})`, severity: 'medium' },
    runAsNonRootOff: { text: `chart "{chart}" defaults {path} to false: its containers may run as root (${DEFAULT_NOTE})`, severity: 'medium' },
    rootUser: { text: `chart "{chart}" defaults {path} to 0: its containers run as root (${DEFAULT_NOTE})`, severity: 'medium' },
    dangerousCapability: { text: `chart "{chart}" defaults {path} to add the capability {capability} (${DEFAULT_NOTE})`, severity: 'medium' },
    hostNamespace: { text: `chart "{chart}" defaults {path} to true: its pods share the node's {namespace} namespace (${DEFAULT_NOTE})`, severity: 'high' },
  },
  claims: [
    {
      about: 'chart defaults grant no privilege',
      risk: true,
      names: [
        ['Helm', 'privileged'],
        ['Helm', 'securityContext'],
        ['values.yaml', 'securityContext'],
        ['values.yaml', 'privileged'],
        ['chart', 'default*', 'privileg*'],
      ],
    },
    { about: 'not privileged', risk: true, names: PRIVILEGED_NAMES, messages: ['privileged'] },
    { about: 'no dangerous capabilities added', risk: true, names: DANGEROUS_CAPABILITY_NAMES, messages: ['dangerousCapability'] },
    { about: 'no host namespaces', risk: true, names: [...HOST_NETWORK_NAMES, ...HOST_PID_NAMES, ...HOST_IPC_NAMES], messages: ['hostNamespace'] },
  ],
  evaluate(values, ctx) {
    for (const entry of valuesMaps(values.data))
      for (const grant of grantsOf(entry)) ctx.fail(values.at(grant.path), grant.messageId, { chart: values.chart, path: dottedPath(grant.path), ...grant.data });
  },
});

interface Granted {
  messageId: Grant;
  path: YamlPath;
  data?: Record<string, string>;
}

/** What one mapping of the values grants, unless switched off: as a security context, and by its host namespace keys. */
function grantsOf({ path, key, map, disabled }: ValuesMap): Granted[] {
  if (disabled) return [];
  const granted: Granted[] = [];
  for (const [name, namespace] of HOST_NAMESPACES)
    if (map[name] === true) granted.push({ messageId: 'hostNamespace', path: [...path, name], data: { namespace } });
  if (!SECURITY_CONTEXT_KEY.test(key)) return granted;
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  // Privileged says more than escalation allowed (it always is), and root as the user more than root allowed: one report each.
  if (map.privileged === true) granted.push({ messageId: 'privileged', path: at('privileged') });
  else if (map.allowPrivilegeEscalation === true) granted.push({ messageId: 'privilegeEscalation', path: at('allowPrivilegeEscalation') });
  if (map.runAsUser === 0) granted.push({ messageId: 'rootUser', path: at('runAsUser') });
  else if (map.runAsNonRoot === false) granted.push({ messageId: 'runAsNonRootOff', path: at('runAsNonRoot') });
  asArray(asRecord(map.capabilities)?.add).forEach((value, i) => {
    if (typeof value === 'string' && DANGEROUS_CAPABILITIES.has(normalizeCapability(value)))
      granted.push({ messageId: 'dangerousCapability', path: at('capabilities', 'add', i), data: { capability: value } });
  });
  return granted;
}
