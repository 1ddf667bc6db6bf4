import { describe, expect, it } from 'vitest';
import { dedent } from '../../testing/dedent.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { k3sFlags } from './k3s-flags.js';

const CONFIG = '/etc/rancher/k3s/config.yaml';
// The unit k3s's install script writes (get.k3s.io), with the flags given to `sh -s - server …`.
const unit = (...flags: string[]) => dedent`
  [Unit]
  Description=Lightweight Kubernetes
  [Service]
  Type=notify
  EnvironmentFile=-/etc/systemd/system/k3s.service.env
  ExecStart=/usr/local/bin/k3s \\
      server \\
  ${flags.map((flag) => `\t'${flag}' \\`).join('\n')}
`;

describe('host/k3s-flags', () => {
  it('passes a server with secrets encryption in config.yaml and anonymous auth left at the k3s default', async () => {
    const host = new RecordedHost({ files: { [CONFIG]: 'token: K10secret::server:abc\nsecrets-encryption: true\nwrite-kubeconfig-mode: "0600"\n', '/etc/systemd/system/k3s.service': unit() } });
    const outcome = await runHostCheck(k3sFlags, host);
    expect(outcome).toMatchObject({ status: 'pass', evidence: `k3s server; Secrets encryption on (${CONFIG}); API server anonymous-auth false (k3s default); kubelet anonymous-auth false (k3s default)` });
  });

  it('reads the k3s units where the plan points (paths.k3sUnits)', async () => {
    const host = new RecordedHost({ files: { '/usr/lib/systemd/system/k3s.service': unit('--secrets-encryption') }, paths: { k3sUnits: '/usr/lib/systemd/system' } });
    expect(await runHostCheck(k3sFlags, host)).toMatchObject({ status: 'pass', evidence: expect.stringContaining('Secrets encryption on (/usr/lib/systemd/system/k3s.service)') });
  });

  it('fails a server without encryption and with anonymous kubelet requests turned on, naming where', async () => {
    const host = new RecordedHost({
      files: { [CONFIG]: 'token: K10secret::server:abc\n', [`${CONFIG}.d/20-kubelet.yaml`]: 'kubelet-arg:\n  - anonymous-auth=true\n', '/etc/systemd/system/k3s.service': unit('--kube-apiserver-arg=anonymous-auth=true') },
    });
    const outcome = await runHostCheck(k3sFlags, host);
    expect(outcome.failures.map((f) => f.message)).toEqual([
      `The k3s server does not encrypt Secrets at rest (no secrets-encryption in ${CONFIG}, ${CONFIG}.d/20-kubelet.yaml, /etc/systemd/system/k3s.service)`,
      'The k3s API server accepts anonymous requests: anonymous-auth=true (/etc/systemd/system/k3s.service)',
      `The kubelet accepts anonymous requests: anonymous-auth=true (${CONFIG}.d/20-kubelet.yaml)`,
    ]);
    expect(JSON.stringify(outcome)).not.toContain('K10secret');
  });

  it('fails a homelab config that turns API server anonymous auth on for load-balancer health checks (shape of lambchop4prez/network k3s-server.yaml.tpl)', async () => {
    const config = dedent`
      write-kubeconfig-mode: "0644"
      cluster-init: true
      token: \${k3s_token}
      flannel-backend: "none" # This needs to be in quotes
      kubelet-arg:
        - "feature-gates=GracefulNodeShutdown=true"
        - "feature-gates=MixedProtocolLBService=true"
      # Required for HAProxy health-checks
      kube-apiserver-arg:
        - "feature-gates=MixedProtocolLBService=true"
        - "anonymous-auth=true"
    `;
    const outcome = await runHostCheck(k3sFlags, new RecordedHost({ files: { [CONFIG]: config } }));
    expect(outcome.failures.map((f) => f.messageId)).toEqual(['encryptionOff', 'apiserverAnonymous']);
  });

  it('takes secrets-encrypt status over the files, and the running process line when the unit is elsewhere', async () => {
    const disabled = new RecordedHost({ files: { [CONFIG]: 'secrets-encryption: true\n' }, commands: { k3sSecretsEncryptStatus: 'Encryption Status: Disabled\nCurrent Rotation Stage: start\n' } });
    expect((await runHostCheck(k3sFlags, disabled)).failures.map((f) => f.message)).toEqual(['The k3s server does not encrypt Secrets at rest (k3s secrets-encrypt status: Disabled)']);
    const running = new RecordedHost({ commands: { processArgs: '/sbin/init\n/usr/local/bin/k3s server --secrets-encryption --token-file /etc/k3s-token\nsshd: deploy [priv]\n' } });
    expect(await runHostCheck(k3sFlags, running)).toMatchObject({ status: 'pass' });
  });

  it('checks only the kubelet on an agent', async () => {
    const agentUnit = unit().replace('server \\', 'agent \\').replace('k3s.service.env', 'k3s-agent.service.env');
    const outcome = await runHostCheck(k3sFlags, new RecordedHost({ files: { '/etc/systemd/system/k3s-agent.service': agentUnit, [CONFIG]: 'server: https://10.0.0.1:6443\nkubelet-arg: ["anonymous-auth=true"]\n' } }));
    expect(outcome.failures.map((f) => f.messageId)).toEqual(['kubeletAnonymous']);
  });

  it('is an error, not a failure, when config.yaml cannot be read and status does not answer', async () => {
    const outcome = await runHostCheck(k3sFlags, new RecordedHost({ unreadable: [CONFIG], files: { '/etc/systemd/system/k3s.service': unit() } }));
    expect(outcome).toMatchObject({ status: 'error', error: `whether k3s encrypts Secrets cannot be told: ${CONFIG} cannot be read and k3s secrets-encrypt status did not answer (connect as root)` });
  });

  it('is not applicable on a host without k3s, and reads the config where the plan points', async () => {
    expect((await runHostCheck(k3sFlags, new RecordedHost({ commands: { processArgs: '/sbin/init\n' } }))).status).toBe('not-applicable');
    const moved = new RecordedHost({ paths: { k3sConfig: '/opt/k3s/config.yaml' }, files: { '/opt/k3s/config.yaml': 'secrets-encryption: true\n' } });
    expect((await runHostCheck(k3sFlags, moved)).status).toBe('pass');
  });
});
