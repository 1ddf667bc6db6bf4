import { RUNTIME_SOCKET_NAMES } from '../../targets/docker/claims.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Host paths that hand over the node: container runtime sockets, kubelet and k3s state, system config, kernel interfaces. */
const SENSITIVE_EXACT = new Set(['/', '/var', '/var/lib', '/usr', '/opt']);
const SENSITIVE_TREES = [
  '/etc',
  '/root',
  '/home',
  '/boot',
  '/dev',
  '/proc',
  '/sys',
  '/run',
  '/var/run',
  '/var/log',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/cri-o',
  '/var/lib/rancher',
  '/var/lib/etcd',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
];

/** `/var//run/docker.sock/` → `/var/run/docker.sock`; relative paths are kept as written. */
function normalizePath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

function isSensitiveHostPath(path: string): boolean {
  const normalized = normalizePath(path);
  return SENSITIVE_EXACT.has(normalized) || SENSITIVE_TREES.some((tree) => normalized === tree || normalized.startsWith(`${tree}/`));
}

export const hostPath = defineCheck({
  id: 'k8s/host-path',
  title: 'Pods do not mount directories of the node',
  severity: 'medium',
  target: 'k8s-workload',
  why:
    'A hostPath volume hands the pod a piece of the node filesystem, outside any quota, shared with every other pod ' +
    'on that node and surviving the pod. Depending on the path it is a full node takeover: the container runtime ' +
    'socket (/var/run/docker.sock, /run/containerd) starts privileged containers, /etc and /root rewrite node config ' +
    'and ssh keys, /var/lib/kubelet and /var/lib/rancher hold the credentials of every pod on the node, /proc and /sys ' +
    'reach the host kernel, and /var/log leaks other pods\' logs (and, writable, lets kubelet follow symlinks to read ' +
    'any host file).',
  fix: [
    'Use a volume that belongs to the pod instead:',
    '',
    '    volumes:',
    '      - name: cache',
    '        emptyDir: { sizeLimit: 1Gi }    # scratch space',
    '      - name: data',
    '        persistentVolumeClaim: { claimName: data }    # state',
    '',
    'If a node agent truly needs a host directory, mount the narrowest path read-only (volumeMounts[].readOnly: true,',
    'hostPath.type: Directory or File) and waive it with a reason.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.12 (minimize the admission of HostPath volumes)',
    'NSA/CISA Kubernetes Hardening Guide: pod security, restrict hostPath',
    'Kubernetes Pod Security Standards (baseline): hostPath volumes are disallowed',
    'Polaris hostPathSet',
    'kube-linter sensitive-host-mounts, docker-sock',
    'Checkov CKV_K8S_27 (docker socket)',
  ],
  messages: {
    hostPath: '{workload} mounts the node directory {path} (hostPath volume "{volume}")',
    sensitiveHostPath: '{workload} mounts the sensitive node path {path} (hostPath volume "{volume}"): access to it is access to the node',
  },
  peers: [{ tool: 'polaris', rule: 'hostPathSet' }],
  claims: [
    {
      about: 'no hostPath volumes', risk: true,
      names: ['hostPath', 'host path volume*', ['host path*', 'mount*'], ['node filesystem', 'mount*'], ['host filesystem', 'mount*']],
      messages: ['hostPath', 'sensitiveHostPath'],
    },
    { about: 'no sensitive node paths mounted', risk: true, names: [...RUNTIME_SOCKET_NAMES, '/var/lib/kubelet', ['hostPath', 'sensitive']], messages: ['sensitiveHostPath'] },
  ],
  evaluate(workload, ctx) {
    asArray(workload.podSpec.volumes).forEach((item, index) => {
      const volume = asRecord(item);
      const source = asRecord(volume?.hostPath);
      if (!volume || !source) return;
      const path = asString(source.path) ?? '(no path)';
      const data = { workload: `${workload.kind}/${workload.name}`, path, volume: asString(volume.name) ?? `#${index}` };
      const at = workload.at(source.path !== undefined ? ['volumes', index, 'hostPath', 'path'] : ['volumes', index, 'hostPath']);
      ctx.fail(at, isSensitiveHostPath(path) ? 'sensitiveHostPath' : 'hostPath', data);
    });
  },
});
