import { checkCases } from '../../testing/check-cases.js';
import { kubeconfigWorldReadable } from './kubeconfig-world-readable.js';

checkCases(kubeconfigWorldReadable, {
  pass: [
    {
      name: 'k3s config with 0600, installed into a 0700 directory',
      input: { 'scripts/setup.sh': [
        'write_config() {',
        '  ssh_node "$1" "sudo install -m 0600 /dev/stdin /etc/rancher/k3s/config.yaml" <<K3S_CONFIG',
        'token: ${K3S_TOKEN}',
        'write-kubeconfig-mode: "0600"',
        'secrets-encryption: true',
        'K3S_CONFIG',
        '}',
        'umask 077',
        'ssh_node "$FIRST" "sudo cat /etc/rancher/k3s/k3s.yaml" > kubeconfig',
        'chmod 600 kubeconfig ~/.ssh/id_ed25519',
        'chmod 640 /etc/rancher/k3s/k3s.yaml',
        '',
      ].join('\n') },
    },
    {
      name: 'a token config installed 0600 or under umask 077, a kubeconfig tightened after the copy',
      input: { 'scripts/setup.sh': [
        'cat <<EOF | sudo install -m 0600 /dev/stdin /etc/rancher/k3s/config.yaml',
        'token: ${K3S_TOKEN}',
        'EOF',
        'ssh "$NODE" sudo cat /etc/rancher/k3s/k3s.yaml > "$HOME/.kube/k3s"',
        'chmod go-rwx "$HOME/.kube/k3s"',
        'umask 077',
        'sudo tee /etc/rancher/k3s/config.yaml <<EOF',
        'token: ${K3S_TOKEN}',
        'EOF',
        'sudo cat /etc/rancher/k3s/k3s.yaml > kubeconfig',
        '',
      ].join('\n') },
    },
    {
      name: 'world-readable modes on files that are not credentials; comments',
      input: { 'scripts/setup.sh': [
        'chmod 644 /etc/nginx/nginx.conf index.html',
        'chmod 755 scripts/deploy.sh',
        'chmod +x kubeconfig-helper.sh',
        '# k3s used to be installed with --write-kubeconfig-mode 644',
        'echo "see INSTALL.md" ',
        '',
      ].join('\n') },
    },
    { name: 'empty', input: { 'scripts/setup.sh': '' } },
    {
      name: 'a committed k3s config with 0600; docs and other files that mention the setting',
      input: {
        'hosts/etc/rancher/k3s/config.yaml': 'write-kubeconfig-mode: "0600"\nsecrets-encryption: true\n',
        'docs/k3s.md': 'Never use `--write-kubeconfig-mode 644` or `chmod 644 kubeconfig`.\n',
        'ansible/k3s.yml': '- name: install\n  shell: chmod 644 /etc/rancher/k3s/k3s.yaml\n',
      },
    },
  ],
  fail: [
    {
      name: 'write-kubeconfig-mode 0644 in the k3s config a heredoc writes',
      input: { 'scripts/setup.sh': [
        '#!/usr/bin/env bash',
        'cat > /tmp/k3s-config.yaml <<CFG',
        'write-kubeconfig-mode: "0644"',
        'tls-san:',
        '  - k8s.example.com',
        'CFG',
        'curl -sfL https://get.k3s.io | sh -s - server --config /tmp/k3s-config.yaml',
        '',
      ].join('\n') },
      failures: [{ messageId: 'kubeconfigMode', line: 3 }],
    },
    {
      name: 'a committed k3s config file and a drop-in',
      input: {
        'ansible/files/k3s-server.yaml': 'cluster-init: true\nwrite-kubeconfig-mode: 644\n',
        'etc/rancher/k3s/config.yaml.d/20-kubeconfig.yaml': "write-kubeconfig-mode: '0666'\n",
      },
      failures: [
        { messageId: 'kubeconfigMode', line: 2 },
        { messageId: 'kubeconfigMode', line: 1 },
      ],
    },
    {
      name: 'flags and the installer variable',
      input: { 'scripts/setup.sh': [
        'curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --write-kubeconfig-mode 644" sh -',
        'k3s server \\',
        '  --cluster-init \\',
        '  --write-kubeconfig-mode=0666',
        'export K3S_KUBECONFIG_MODE="644"',
        '',
      ].join('\n') },
      failures: [
        { messageId: 'kubeconfigMode', line: 1, column: 57 },
        { messageId: 'kubeconfigMode', line: 4, column: 3 },
        { messageId: 'kubeconfigMode', line: 5, column: 8 },
      ],
    },
    {
      name: 'the token config written by tee, and the kubeconfig copied with the default umask',
      input: { 'scripts/setup.sh': [
        'write_config() {',
        '  ssh_node "$1" "sudo mkdir -p /etc/rancher/k3s && sudo tee /etc/rancher/k3s/config.yaml >/dev/null" <<EOF',
        'token: ${K3S_TOKEN}',
        'tls-san:',
        '  - ${1}',
        'EOF',
        '}',
        'ssh_node "$FIRST" "cat /etc/rancher/k3s/k3s.yaml" \\',
        '  | sed "s/127.0.0.1/${FIRST}/" > kubeconfig',
        '',
      ].join('\n') },
      failures: [
        { messageId: 'tokenConfig', line: 2 },
        { messageId: 'kubeconfigCopy', line: 9 },
      ],
    },
    {
      name: 'chmod that opens kubeconfigs, keys and env files',
      input: { 'scripts/setup.sh': [
        'sudo chmod 644 /etc/rancher/k3s/k3s.yaml',
        'chmod 0666 "$HOME/.kube/config"',
        'chmod -R 777 deploy/.env',
        'chmod a+r certs/server.key; chmod go+rw id_rsa',
        'chmod 600 id_ed25519',
        '',
      ].join('\n') },
      failures: [
        { messageId: 'chmodCredential', line: 1 },
        { messageId: 'chmodCredential', line: 2 },
        { messageId: 'chmodCredential', line: 3 },
        { messageId: 'chmodCredential', line: 4 },
      ],
    },
  ],
});
