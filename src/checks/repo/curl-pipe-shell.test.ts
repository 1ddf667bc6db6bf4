import { checkCases } from '../../testing/check-cases.js';
import { curlPipeShell } from './curl-pipe-shell.js';

checkCases(curlPipeShell, {
  pass: [
    {
      name: 'download a pinned installer, verify its checksum, run the file',
      input: [
        '#!/usr/bin/env bash',
        'install_k3s() {',
        '  ssh_node "$1" "set -e',
        "    curl -sfL -o /tmp/k3s-install.sh 'https://raw.githubusercontent.com/k3s-io/k3s/${K3S_VERSION}/install.sh'",
        "    echo '${INSTALL_SHA256}  /tmp/k3s-install.sh' | sha256sum -c -",
        "    sudo INSTALL_K3S_VERSION='${K3S_VERSION}' sh /tmp/k3s-install.sh server\"",
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'curl piped into other tools, and a comment that shows the anti-pattern',
      input: [
        '# never do this: curl -sfL https://get.k3s.io | sh -',
        'curl -sS https://api.example.com/health | grep -q ok',
        'curl -sSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg',
        'wget -qO- https://example.com/data.json | jq .version | tee version.txt',
        'echo "sh is not a download" | sh',
        'echo "Install the CLI: curl -sfL https://get.example.com/install.sh | sh -"',
        'printf \'%s\\n\' "or: bash <(curl -sL https://example.com/x.sh)"',
        '',
      ].join('\n'),
    },
    {
      name: 'downloads verified before they run, and downloads that are not scripts',
      input: [
        'curl -fsSLo get-helm.sh https://example.com/get-helm-3',
        'curl -fsSL -o /tmp/install.sh https://example.com/install.sh',
        'curl -fsSL -o /tmp/install.sh.sha256 https://example.com/install.sh.sha256',
        'sha256sum -c /tmp/install.sh.sha256',
        'sh /tmp/install.sh',
        'curl -fsSL -o cosign.sh https://example.com/cosign.sh && cosign verify-blob --signature cosign.sh.sig cosign.sh && bash cosign.sh',
        'curl -o data.json https://api.example.com/data && jq . data.json',
        '',
      ].join('\n'),
    },
    { name: 'an empty script', input: '' },
    { name: 'unbalanced quotes and a dangling continuation', input: 'curl "https://x.example/\\\n' },
  ],
  fail: [
    {
      name: 'the k3s installer piped to sh inside an ssh command',
      input: [
        '#!/usr/bin/env bash',
        'install_k3s() {',
        "  ssh_node \"$1\" \"curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION='${K3S_VERSION}' sh -s - server\"",
        '}',
        '',
      ].join('\n'),
      failures: [{ messageId: 'pipeToShell', line: 3, column: 18 }],
    },
    {
      name: 'sudo, env prefixes, wget and a continuation line',
      input: [
        'curl -fsSL https://get.docker.com | sudo sh',
        'wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes',
        'curl -sfL https://get.k3s.io \\',
        '  | K3S_TOKEN="$TOKEN" /bin/sh -s - agent',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'pipeToShell', line: 1 },
        { messageId: 'pipeToShell', line: 2 },
        { messageId: 'pipeToShell', line: 3 },
      ],
    },
    {
      name: 'downloaded to a file and run without a checksum',
      input: [
        'curl -fsSL -o get-helm.sh https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3',
        'chmod 700 get-helm.sh',
        './get-helm.sh',
        'wget -q https://example.com/setup.sh -O /tmp/setup.sh && sudo bash /tmp/setup.sh --yes',
        'curl -sSL https://example.com/env.sh > env.sh; source env.sh',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'unverifiedRun', line: 3, column: 1 },
        { messageId: 'unverifiedRun', line: 4, column: 63 },
        { messageId: 'unverifiedRun', line: 5, column: 48 },
      ],
    },
    {
      name: 'a script fetched through command or process substitution',
      input: [
        'sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"',
        'bash <(curl -s https://example.com/setup.sh)',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'substitution', line: 1 },
        { messageId: 'substitution', line: 2 },
      ],
    },
  ],
});
