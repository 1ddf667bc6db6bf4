import type { HostTarget, RemoteStat } from '../../targets/host/host-target.js';
import { remoteFileAt } from '../../targets/host/remote-file-location.js';
import { defineCheck } from '../define.js';

export const secretFileModes = defineCheck({
  id: 'host/secret-file-modes',
  title: 'Kubeconfigs and the k3s token are readable by their owner only',
  severity: 'high',
  target: 'host',
  why:
    'A kubeconfig holds cluster-admin credentials (k3s writes /etc/rancher/k3s/k3s.yaml with the admin client key), and the k3s token ' +
    '(/var/lib/rancher/k3s/server/token, node-token) lets anyone join a node to the cluster or decrypt its bootstrap data. When such a file is ' +
    'readable by its group or by everyone, any local account, a compromised service user or a container with the host path mounted reads ' +
    'it and becomes cluster admin. `write-kubeconfig-mode: "0644"` (or K3S_KUBECONFIG_MODE) is the usual cause. The check stats the files ' +
    'of /etc/rancher/k3s, the k3s token files and /root/.kube (the plan\'s paths: may point elsewhere) and fails any readable beyond its owner.',
  fix:
    '`chmod 600` the file (`chmod 600 /etc/rancher/k3s/k3s.yaml`), drop `write-kubeconfig-mode` from /etc/rancher/k3s/config.yaml (or set ' +
    '"0600") so k3s does not widen it again on restart, and give users their own kubeconfig with limited RBAC instead of sharing the admin one.',
  refs: ['CIS Kubernetes Benchmark 1.1.x and 4.1.x (config file permissions 600 or more restrictive)', 'k3s CIS hardening guide (write-kubeconfig-mode)', 'CIS Controls v8 3.3 (data access control lists)'],
  messages: {
    readable: '{path} is mode {mode}: readable by {who}, and it holds cluster credentials',
  },
  claims: [
    {
      about: 'kubeconfig and k3s token file permissions',
      names: ['k3s.yaml', 'write-kubeconfig-mode', 'K3S_KUBECONFIG_MODE', 'node-token', ['kubeconfig', 'permission*'], ['kubeconfig', 'chmod'], ['kubeconfig', '0600'], ['kubeconfig', '600'], ['k3s', 'token', 'permission*'], ['k3s', 'token', 'mode'], ['secret*', 'file*', 'permission*'], ['file', 'mode*', 'secret*']],
    },
  ],
  async evaluate(host, ctx) {
    const files = await secretFiles(host);
    if (files.length === 0) return ctx.notApplicable();
    for (const file of files) {
      if ((file.mode & 0o044) === 0) continue;
      const who = [file.mode & 0o040 ? 'its group' : '', file.mode & 0o004 ? 'everyone' : ''].filter(Boolean).join(' and ');
      const mode = file.mode.toString(8).padStart(4, '0');
      ctx.fail(remoteFileAt(host, file.path), 'readable', { path: file.path, mode, who }, `${file.path} mode ${mode} uid ${file.uid} gid ${file.gid}`);
    }
    ctx.measured(`${files.length} file${files.length === 1 ? '' : 's'}: ${files.map((file) => file.path).join(', ')}`);
  },
});

/** The credential files present on the host: the files of the k3s and kube config dirs, the kubeconfig and the token files. */
async function secretFiles(host: HostTarget): Promise<RemoteStat[]> {
  const token = host.path('k3sToken', '/var/lib/rancher/k3s/server/token');
  const tokenDir = token.slice(0, token.lastIndexOf('/'));
  const configDir = host.path('k3sConfigDir', '/etc/rancher/k3s');
  const candidates = new Set([host.path('k3sKubeconfig', `${configDir}/k3s.yaml`), token, `${tokenDir}/node-token`, `${tokenDir}/agent-token`]);
  for (const dir of [configDir, host.path('kubeconfigs', '/root/.kube')]) {
    const listed = await host.listDir(dir);
    if (listed) for (const name of listed) candidates.add(`${dir}/${name}`);
  }
  const stats = await Promise.all([...candidates].map((path) => host.stat(path).catch(() => undefined)));
  return stats.filter((stat): stat is RemoteStat => stat !== undefined && stat.isFile);
}
