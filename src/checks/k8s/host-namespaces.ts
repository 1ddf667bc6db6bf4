import { HOST_IPC_NAMES, HOST_NAMESPACE_NAMES, HOST_NETWORK_NAMES, HOST_PID_NAMES } from '../../targets/docker/claims.js';
import { defineCheck } from '../define.js';

const NAMESPACES = [
  ['hostNetwork', 'hostNetwork'],
  ['hostPID', 'hostPID'],
  ['hostIPC', 'hostIPC'],
] as const;

export const hostNamespaces = defineCheck({
  id: 'k8s/host-namespaces',
  title: "Pods do not share the node's network, process or IPC namespace",
  severity: 'high',
  target: 'k8s-workload',
  why:
    'hostNetwork puts the pod on the node network stack: it can bind any node port, reach services listening on ' +
    'localhost (kubelet, etcd on k3s servers, the cloud metadata endpoint) and sniff node traffic, and NetworkPolicies ' +
    'no longer apply to it. hostPID shows every process of the node, with their environment and command lines ' +
    '(secrets included), and lets a root container signal or ptrace them. hostIPC exposes the shared memory of every ' +
    'process on the node.',
  fix: [
    'Remove the fields from the pod spec (they default to false):',
    '',
    '    spec:',
    '      hostNetwork: false',
    '      hostPID: false',
    '      hostIPC: false',
    '',
    'Expose ports through a Service (NodePort/LoadBalancer) instead of hostNetwork. Node agents that truly need a host',
    'namespace (CNI, node exporters) belong in their own namespace with a waiver and a reason.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.3 (hostPID), 5.2.4 (hostIPC), 5.2.5 (hostNetwork)',
    'NSA/CISA Kubernetes Hardening Guide: pod security, host namespaces',
    'Kubernetes Pod Security Standards (baseline): host namespaces are disallowed',
    'Polaris hostNetworkSet, hostPIDSet, hostIPCSet',
    'kube-linter host-network, host-pid, host-ipc',
    'Checkov CKV_K8S_17, CKV_K8S_18, CKV_K8S_19',
  ],
  messages: {
    hostNetwork: '{workload} uses the node network namespace (hostNetwork: true)',
    hostPID: '{workload} shares the node process namespace (hostPID: true)',
    hostIPC: '{workload} shares the node IPC namespace (hostIPC: true)',
  },
  peers: [
    { tool: 'polaris', rule: 'hostNetworkSet', messages: ['hostNetwork'] },
    { tool: 'polaris', rule: 'hostPIDSet', messages: ['hostPID'] },
    { tool: 'polaris', rule: 'hostIPCSet', messages: ['hostIPC'] },
  ],
  claims: [
    { about: 'no host namespaces', risk: true, names: HOST_NAMESPACE_NAMES, messages: ['hostNetwork', 'hostPID', 'hostIPC'] },
    { about: 'no host network', risk: true, names: HOST_NETWORK_NAMES, messages: ['hostNetwork'] },
    { about: 'no host PID namespace', risk: true, names: HOST_PID_NAMES, messages: ['hostPID'] },
    { about: 'no host IPC namespace', risk: true, names: HOST_IPC_NAMES, messages: ['hostIPC'] },
  ],
  evaluate(workload, ctx) {
    for (const [field, messageId] of NAMESPACES) {
      if (workload.podSpec[field] === true) ctx.fail(workload.at(field), messageId, { workload: `${workload.kind}/${workload.name}` });
    }
  },
});
