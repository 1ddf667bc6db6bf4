import { HOST_IPC_NAMES, HOST_NAMESPACE_NAMES, HOST_NETWORK_NAMES, HOST_PID_NAMES } from '../../targets/docker/claims.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const hostNetworkService = defineCheck({
  id: 'compose/host-network',
  title: 'Compose services do not share the host network, PID or IPC namespace',
  severity: 'high',
  target: 'compose-service',
  why:
    '`network_mode: host` puts the container on the host\'s network stack: every port it opens listens on every ' +
    'host interface with no published-port mapping to review, and it reaches services bound to the host\'s loopback. ' +
    '`pid: host` lets it see and signal every process on the machine (and read their environment with ptrace); ' +
    '`ipc: host` shares the host\'s shared memory segments. Each removes a wall that container isolation relies on.',
  fix: [
    'Use the default bridge network and publish only the ports that must be reachable, on loopback where possible:',
    '',
    '    ports:',
    '      - "127.0.0.1:8080:8080"',
    '',
    'and drop `pid: host` / `ipc: host` (a monitoring agent that truly needs them is better waived with a reason).',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 5.10 (host network namespace), 5.16 (host PID namespace), 5.17 (host IPC namespace)',
    'compose-lint CL-0008 (host network), CL-0010 (host namespaces)',
    'KICS Network_Mode Host (071a71ff), Shared Host PID/IPC Namespace (4f31dd9f, baa3890f)',
  ],
  messages: {
    hostNetwork: 'service "{service}" uses network_mode: host',
    hostPid: 'service "{service}" shares the host PID namespace (pid: host)',
    hostIpc: 'service "{service}" shares the host IPC namespace (ipc: host)',
    hostUserns: 'service "{service}" turns off user namespace remapping (userns_mode: host)',
  },
  claims: [
    { about: 'no host namespaces', risk: true, names: HOST_NAMESPACE_NAMES, messages: ['hostNetwork', 'hostPid', 'hostIpc', 'hostUserns'] },
    { about: 'no host network', risk: true, names: HOST_NETWORK_NAMES, messages: ['hostNetwork'] },
    { about: 'no host PID namespace', risk: true, names: HOST_PID_NAMES, messages: ['hostPid'] },
    { about: 'no host IPC namespace', risk: true, names: HOST_IPC_NAMES, messages: ['hostIpc'] },
    { about: 'user namespace remapping', names: ['userns_mode', 'userns-remap', 'user namespace*'], messages: ['hostUserns'] },
  ],
  evaluate(service, ctx) {
    const data = { service: service.name };
    if (isHost(service.spec.network_mode)) ctx.fail(service.at('network_mode'), 'hostNetwork', data);
    if (isHost(service.spec.pid)) ctx.fail(service.at('pid'), 'hostPid', data);
    if (isHost(service.spec.ipc)) ctx.fail(service.at('ipc'), 'hostIpc', data);
    if (isHost(service.spec.userns_mode)) ctx.fail(service.at('userns_mode'), 'hostUserns', data);
  },
});

function isHost(value: unknown): boolean {
  return asString(value)?.trim().toLowerCase() === 'host';
}
