import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { secretFileModes } from './secret-file-modes.js';

const KUBECONFIG = 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://127.0.0.1:6443\n  name: default\nkind: Config\n';

describe('host/secret-file-modes (real sshd on 127.0.0.1, k3s files where the plan points)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({
      'open/etc/rancher/k3s/k3s.yaml': { content: KUBECONFIG, mode: 0o644 },
      'open/etc/rancher/k3s/config.yaml': { content: 'write-kubeconfig-mode: "0644"\n', mode: 0o600 },
      'open/var/lib/rancher/k3s/server/token': { content: 'K10abc::server:def\n', mode: 0o640 },
      'shut/etc/rancher/k3s/k3s.yaml': { content: KUBECONFIG, mode: 0o600 },
      'shut/var/lib/rancher/k3s/server/token': { content: 'K10abc::server:def\n', mode: 0o600 },
      'shut/var/lib/rancher/k3s/server/node-token': { content: 'K10abc::server:def\n', mode: 0o600 },
    });
  }, 120_000);
  afterAll(async () => sshd?.close());

  const host = (under: string) =>
    sshd.planHost({
      paths: {
        k3sConfigDir: `${sshd.root}/${under}/etc/rancher/k3s`,
        k3sKubeconfig: `${sshd.root}/${under}/etc/rancher/k3s/k3s.yaml`,
        k3sToken: `${sshd.root}/${under}/var/lib/rancher/k3s/server/token`,
        kubeconfigs: `${sshd.root}/${under}/root/.kube`,
      },
    });

  it('fails a kubeconfig readable by everyone and a token readable by its group', async () => {
    const results = await runLiveCheck(secretFileModes, { targets: { hosts: [host('open')] } });
    expect(results.map((r) => [r.status, r.message]).sort()).toEqual([
      ['fail', `${sshd.root}/open/etc/rancher/k3s/k3s.yaml is mode 0644: readable by its group and everyone, and it holds cluster credentials`],
      ['fail', `${sshd.root}/open/var/lib/rancher/k3s/server/token is mode 0640: readable by its group, and it holds cluster credentials`],
    ]);
  });

  it('passes owner-only files', async () => {
    const results = await runLiveCheck(secretFileModes, { targets: { hosts: [host('shut')] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', expect.stringMatching(/^3 files: /)]]);
  });
});

describe('host/secret-file-modes on recorded hosts', () => {
  it('reads the default places: a kubeconfig in /root/.kube', async () => {
    const { failures } = await runHostCheck(secretFileModes, new RecordedHost({ files: { '/root/.kube/config': { mode: 0o604 } } }));
    expect(failures.map((f) => f.message)).toEqual(['/root/.kube/config is mode 0604: readable by everyone, and it holds cluster credentials']);
  });

  it('is not applicable to a host without k3s or kubeconfigs', async () => {
    expect((await runHostCheck(secretFileModes, new RecordedHost({ files: { '/etc/hostname': 'web-1\n' } }))).status).toBe('not-applicable');
  });
});
