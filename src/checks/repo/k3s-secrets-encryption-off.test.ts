import { checkCases } from '../../testing/check-cases.js';
import { k3sSecretsEncryptionOff } from './k3s-secrets-encryption-off.js';

checkCases(k3sSecretsEncryptionOff, {
  pass: [
    {
      name: 'the server config turns it on',
      input: [
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
      ].join('\n'),
    },
    {
      name: 'the flag on the install command',
      input: 'curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --secrets-encryption --cluster-init" sh -\n',
    },
    {
      name: 'an agent joining a cluster, and scripts that only use kubectl',
      input: [
        'curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.1:6443 K3S_TOKEN="$TOKEN" sh -',
        'kubectl get nodes  # k3s cluster',
        '',
      ].join('\n'),
    },
    { name: 'an unterminated here-document', input: 'cat > /etc/rancher/k3s/config.yaml <<EOF\nsecrets-encryption: true\n' },
  ],
  fail: [
    {
      name: 'a server config without it: reported after its last top-level key',
      input: [
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
      ].join('\n'),
      failures: [{ messageId: 'configWithout', line: 9 }],
    },
    {
      name: 'a server installed with flags only',
      input: [
        'curl -sfL https://get.k3s.io | \\',
        '  INSTALL_K3S_EXEC="server --cluster-init --tls-san k8s.example.com" sh -',
        'sudo k3s server --disable traefik &',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'installWithout', line: 1 },
        { messageId: 'installWithout', line: 3 },
      ],
    },
    {
      name: 'turned off explicitly',
      input: [
        'cat > /etc/rancher/k3s/config.yaml <<EOF',
        'cluster-init: true',
        'secrets-encryption: "false"',
        'EOF',
        'k3s server --secrets-encryption=false',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'configOff', line: 3 },
        { messageId: 'configOff', line: 5 },
      ],
    },
  ],
});
