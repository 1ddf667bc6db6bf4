import { checkCases } from '../../testing/check-cases.js';
import { k3sSecretsEncryptionOff } from './k3s-secrets-encryption-off.js';

checkCases(k3sSecretsEncryptionOff, {
  pass: [
    {
      name: 'the server config turns it on',
      input: { 'scripts/setup.sh': [
        'write_config() {',
        '  ssh_node "$1" "sudo install -m 0600 /dev/stdin /etc/rancher/k3s/config.yaml" <<K3S_CONFIG',
        'token: ${K3S_TOKEN}',
        'write-kubeconfig-mode: "0600"',
        'secrets-encryption: true',
        'tls-san:',
        '  - k8s.example.internal',
        'K3S_CONFIG',
        '}',
        'ssh_node "$1" "sudo INSTALL_K3S_VERSION=${V} sh /tmp/k3s-install.sh server"',
        '',
      ].join('\n') },
    },
    {
      name: 'the flag on the install command',
      input: { 'scripts/setup.sh': 'curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --secrets-encryption --cluster-init" sh -\n' },
    },
    {
      name: 'an agent joining a cluster, and scripts that only use kubectl',
      input: { 'scripts/setup.sh': [
        'curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.1:6443 K3S_TOKEN="$TOKEN" sh -',
        'kubectl get nodes  # k3s cluster',
        '',
      ].join('\n') },
    },
    {
      name: 'committed configs: on in the main file, a drop-in without it, an agent config',
      input: {
        'etc/rancher/k3s/config.yaml': 'cluster-init: true\nsecrets-encryption: true\n',
        'etc/rancher/k3s/config.yaml.d/10-san.yaml': 'tls-san:\n  - k8s.example.com\n',
        'agents/k3s-agent.yaml': 'server: https://10.0.0.1:6443\ntoken-file: /run/k3s-token\n',
        'docs/setup.md': 'tls-san: and cluster-init: go in config.yaml\n',
      },
    },
    { name: 'an unterminated here-document', input: { 'scripts/setup.sh': 'cat > /etc/rancher/k3s/config.yaml <<EOF\nsecrets-encryption: true\n' } },
  ],
  fail: [
    {
      name: 'a server config without it: reported after its last top-level key',
      input: { 'scripts/setup.sh': [
        '#!/usr/bin/env bash',
        'write_config() {',
        '  local node="$1" extra="$2"',
        '  ssh_node "$node" "sudo tee /etc/rancher/k3s/config.yaml >/dev/null" <<EOF',
        'token: ${K3S_TOKEN}',
        'node-ip: ${node}',
        'tls-san:',
        '  - ${node}',
        'disable:',
        '  - servicelb',
        '${extra}',
        'EOF',
        '}',
        'install_k3s() { ssh_node "$1" "curl -sfL https://get.k3s.io | sh -s - server"; }',
        '',
      ].join('\n') },
      failures: [{ messageId: 'configWithout', line: 9 }],
    },
    {
      name: 'a server installed with flags only',
      input: { 'scripts/setup.sh': [
        'curl -sfL https://get.k3s.io | \\',
        '  INSTALL_K3S_EXEC="server --cluster-init --tls-san k8s.example.com" sh -',
        'sudo k3s server --disable traefik &',
        '',
      ].join('\n') },
      failures: [
        { messageId: 'installWithout', line: 1 },
        { messageId: 'installWithout', line: 3 },
      ],
    },
    {
      name: 'a committed server config without it, and one that turns it off',
      input: {
        'hosts/etc/rancher/k3s/config.yaml': 'write-kubeconfig-mode: "0600"\ntls-san:\n  - k8s.example.com\ndisable:\n  - traefik\n',
        'ansible/files/k3s-server.yml': 'cluster-init: true\nsecrets-encryption: false\n',
      },
      failures: [
        { messageId: 'configOff', line: 2 },
        { messageId: 'configWithout', line: 4 },
      ],
    },
    {
      name: 'turned off explicitly',
      input: { 'scripts/setup.sh': [
        'cat > /etc/rancher/k3s/config.yaml <<EOF',
        'cluster-init: true',
        'secrets-encryption: "false"',
        'EOF',
        'k3s server --secrets-encryption=false',
        '',
      ].join('\n') },
      failures: [
        { messageId: 'configOff', line: 3 },
        { messageId: 'configOff', line: 5 },
      ],
    },
  ],
});
