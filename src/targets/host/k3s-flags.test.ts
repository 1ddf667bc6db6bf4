import { describe, expect, it } from 'vitest';
import { dedent } from '../../testing/dedent.js';
import { applyK3sCommandLine, applyK3sConfig, emptyK3sSettings, parseSecretsEncryptStatus, unitExecStart } from './k3s-flags.js';

// Shapes from the K3s documentation (docs.k3s.io: configuration file, install script's unit, secrets-encrypt).
describe('k3s settings', () => {
  it('reads config.yaml and drop-ins: flags without dashes, lists or strings, `+` appends, never the token', () => {
    const settings = emptyK3sSettings();
    applyK3sConfig(settings, dedent`
      token: K10abc::server:supersecret
      secrets-encryption: true
      kube-apiserver-arg:
        - "anonymous-auth=false"
        - "audit-log-path=/var/log/k3s-audit.log"
      kubelet-arg: "anonymous-auth=true"
    `, '/etc/rancher/k3s/config.yaml');
    applyK3sConfig(settings, 'kubelet-arg+:\n  - "protect-kernel-defaults=true"\n', '/etc/rancher/k3s/config.yaml.d/10-kubelet.yaml');
    expect(settings.secretsEncryption).toBe(true);
    expect([...settings.apiserverArgs]).toEqual([['anonymous-auth', 'false'], ['audit-log-path', '/var/log/k3s-audit.log']]);
    expect([...settings.kubeletArgs]).toEqual([['anonymous-auth', 'true'], ['protect-kernel-defaults', 'true']]);
    expect(settings.origins.get('kubelet-arg:protect-kernel-defaults')).toBe('/etc/rancher/k3s/config.yaml.d/10-kubelet.yaml');
    expect(JSON.stringify([...settings.origins, ...settings.apiserverArgs, ...settings.kubeletArgs])).not.toContain('supersecret');
  });

  it('reads the install script unit ExecStart and a ps line', () => {
    const unit = dedent`
      [Service]
      Type=notify
      EnvironmentFile=-/etc/systemd/system/k3s.service.env
      ExecStartPre=/bin/sh -xc '! /usr/bin/systemctl is-enabled --quiet nm-cloud-setup.service'
      ExecStart=/usr/local/bin/k3s \\
          server \\
      \t'--secrets-encryption' \\
      \t'--kube-apiserver-arg=anonymous-auth=false' \\
      \t'--kubelet-arg' 'anonymous-auth=false' \\
    `;
    const settings = emptyK3sSettings();
    applyK3sCommandLine(settings, unitExecStart(unit)!, 'k3s.service');
    expect(settings.role).toBe('server');
    expect(settings.secretsEncryption).toBe(true);
    expect(settings.apiserverArgs.get('anonymous-auth')).toBe('false');
    expect(settings.kubeletArgs.get('anonymous-auth')).toBe('false');
    const agent = emptyK3sSettings();
    applyK3sCommandLine(agent, '/usr/local/bin/k3s agent --server https://10.0.0.1:6443 --kubelet-arg=anonymous-auth=true', 'ps');
    expect([agent.role, agent.kubeletArgs.get('anonymous-auth')]).toEqual(['agent', 'true']);
  });

  it('reads secrets-encrypt status', () => {
    expect(parseSecretsEncryptStatus('Encryption Status: Enabled\nCurrent Rotation Stage: start\nServer Encryption Hashes: All hashes match\n')).toBe(true);
    expect(parseSecretsEncryptStatus('Encryption Status: Disabled\n')).toBe(false);
    expect(parseSecretsEncryptStatus('')).toBeUndefined();
  });
});
