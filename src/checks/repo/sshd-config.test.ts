import { checkCases } from '../../testing/check-cases.js';
import { sshdConfig } from './sshd-config.js';

const HARDENED = [
  '# hardened',
  'PermitRootLogin no',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'X11Forwarding no',
  '',
].join('\n');

checkCases(sshdConfig, {
  pass: [
    { name: 'a hardened sshd_config', input: { 'hosts/web/etc/ssh/sshd_config': HARDENED } },
    {
      name: 'keys-only root, first value wins, Include leaves the default to the drop-ins',
      input: {
        'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin prohibit-password\n',
        'etc/ssh/sshd_config.d/10-hardening.conf': 'PasswordAuthentication no\nPasswordAuthentication yes\n',
      },
    },
    {
      name: 'a script that writes a hardened drop-in; a script and a README that only mention sshd_config',
      input: {
        'scripts/harden.sh': [
          '#!/bin/sh',
          "cat > /etc/ssh/sshd_config.d/10-harden.conf <<'EOF'",
          'PasswordAuthentication no',
          'PermitRootLogin no',
          'EOF',
          'sshd -t && systemctl reload ssh',
          '# sed -i "s/PasswordAuthentication no/PasswordAuthentication yes/" /etc/ssh/sshd_config',
          '',
        ].join('\n'),
        'scripts/check.sh': 'grep -q "^PasswordAuthentication no" /etc/ssh/sshd_config\n',
        'README.md': 'Set `PermitRootLogin yes` in sshd_config only on the rescue image.\n',
      },
    },
  ],
  fail: [
    {
      name: 'root and password logins on, empty passwords, X11',
      input: {
        'etc/ssh/sshd_config': [
          'Port 22',
          'PermitRootLogin yes',
          'passwordauthentication=yes',
          'PermitEmptyPasswords yes',
          'X11Forwarding yes',
          'PermitRootLogin no',
          '',
        ].join('\n'),
      },
      failures: [
        { messageId: 'rootLogin', line: 2 },
        { messageId: 'passwordAuth', line: 3 },
        { messageId: 'emptyPasswords', line: 4 },
        { messageId: 'x11Forwarding', line: 5 },
      ],
    },
    {
      name: 'a main config without PasswordAuthentication; a Match block that turns it on',
      input: {
        'etc/ssh/sshd_config': ['PermitRootLogin no', '', 'Match Address 10.0.0.0/8', '  PasswordAuthentication yes', ''].join('\n'),
      },
      failures: [
        { messageId: 'passwordAuthDefault', line: 1, column: 1 },
        { messageId: 'passwordAuth', line: 4, column: 3 },
      ],
    },
    {
      name: 'a script that writes sshd_config in a here-document and one that seds a setting in',
      input: {
        'scripts/provision.sh': [
          '#!/usr/bin/env bash',
          'sudo tee /etc/ssh/sshd_config >/dev/null <<EOF',
          'Port 22',
          'PermitRootLogin yes',
          'EOF',
          "sed -i 's/^#\\?PasswordAuthentication .*/PasswordAuthentication yes/' /etc/ssh/sshd_config",
          'echo "X11Forwarding yes" >> /etc/ssh/sshd_config',
          '',
        ].join('\n'),
      },
      failures: [
        { messageId: 'passwordAuthDefault', line: 2 },
        { messageId: 'rootLogin', line: 4 },
        { messageId: 'passwordAuth', line: 6 },
        { messageId: 'x11Forwarding', line: 7 },
      ],
    },
  ],
});
