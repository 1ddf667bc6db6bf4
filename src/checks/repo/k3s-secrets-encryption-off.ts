import { fileGroupsIndex } from '../../targets/repo/file-groups.js';
import { K3S_CONFIG_FILE, k3sConfigFile, k3sSetup } from '../../targets/shell/k3s.js';
import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const OFF = /^(?:false|no|off|0)$/i;

export const k3sSecretsEncryptionOff = defineCheck({
  id: 'repo/k3s-secrets-encryption-off',
  title: 'k3s servers encrypt Secrets at rest',
  severity: 'high',
  target: 'repo-file',
  why:
    'Without secrets-encryption, k3s stores every Kubernetes Secret (database passwords, registry credentials, TLS keys, ' +
    'service-account tokens) in plain text in its datastore: anyone who reads the etcd data directory, an etcd snapshot ' +
    '(often shipped to S3) or a SQLite backup gets all of them. k3s only encrypts when the server is started with ' +
    '--secrets-encryption (config key secrets-encryption: true); it is off by default.',
  fix: [
    'Turn it on in the server config every server is installed with (or pass --secrets-encryption):',
    '',
    '    # /etc/rancher/k3s/config.yaml',
    '    secrets-encryption: true',
    '',
    'On an existing cluster enable it, restart the servers, then re-encrypt what is stored: `k3s secrets-encrypt enable`,',
    'restart, `k3s secrets-encrypt reencrypt`; verify with `k3s secrets-encrypt status` (Encryption Status: Enabled).',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 1.2.27/1.2.28 (--encryption-provider-config is set and configured)',
    'k3s documentation: secrets encryption (--secrets-encryption)',
    'NSA/CISA Kubernetes Hardening Guide: encrypt Secrets at rest in etcd',
  ],
  messages: {
    configWithout: 'this k3s server config does not set secrets-encryption: true, so Secrets are stored unencrypted',
    configOff: 'secrets-encryption is set to {value}: Secrets are stored unencrypted',
    installWithout: 'k3s server is installed without --secrets-encryption, so Secrets are stored unencrypted',
  },
  claims: [
    {
      about: 'k3s encrypts Secrets at rest',
      names: [
        'secrets-encryption',
        'secrets-encrypt',
        'EncryptionConfiguration',
        'encryption-provider-config',
        ['etcd', 'encrypt*'],
        ['etcd', 'plaintext'],
        ['etcd', 'unencrypted'],
        ['Secrets', 'encrypt*', 'at rest'],
        ['encryption at rest', 'Kubernetes'],
        ['encryption at rest', 'k3s'],
        ['encryption at rest', 'k8s'],
      ],
      unless: ['snapshot*', 'backup*'],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!ctx.shared(fileGroupsIndex).has('scripts', script.file)) {
      // A committed k3s server config; drop-ins (config.yaml.d/) may leave the key to the main file.
      if (!K3S_CONFIG_FILE.test(script.file)) return ctx.notApplicable();
      const config = k3sConfigFile(script.lines);
      const setting = config.keys.find((key) => key.name === 'secrets-encryption');
      if (setting && OFF.test(setting.value)) ctx.fail(script.at(setting.line, setting.column), 'configOff', { value: setting.value });
      else if (!setting && config.server && !script.file.includes('config.yaml.d/')) ctx.fail(script.at(config.keys[config.keys.length - 1]!.line, 1), 'configWithout');
      return;
    }
    if (!text.includes('k3s') && !text.includes('K3S')) return;
    const k3s = k3sSetup(readShellScript(text));
    const flagsOff = k3s.flags.filter((flag) => flag.name === 'secrets-encryption' && OFF.test(flag.value));
    for (const flag of flagsOff) ctx.fail(script.at(flag.line, flag.column), 'configOff', { value: flag.value });
    const configKeys = k3s.configs.flatMap((config) => config.keys.filter((key) => key.name === 'secrets-encryption'));
    for (const key of configKeys) if (OFF.test(key.value)) ctx.fail(script.at(key.line, key.column), 'configOff', { value: key.value });
    // Any server flag or config key that turns it on covers the script's servers.
    const enabled =
      k3s.flags.some((flag) => flag.name === 'secrets-encryption' && !OFF.test(flag.value)) || configKeys.some((key) => !OFF.test(key.value));
    if (enabled || flagsOff.length > 0 || configKeys.length > 0) return;
    const serverConfigs = k3s.configs.filter((config) => config.server);
    if (serverConfigs.length > 0) {
      // Reported where the key would go: after the config's last top-level key.
      for (const config of serverConfigs) {
        const last = config.keys[config.keys.length - 1]!;
        ctx.fail(script.at(last.line, 1), 'configWithout');
      }
      return;
    }
    for (const install of k3s.installs) if (install.server) ctx.fail(script.at(install.line.line), 'installWithout');
  },
});
