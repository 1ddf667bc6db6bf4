import { checkCases } from '../../testing/check-cases.js';
import { htpasswdWeakHash } from './htpasswd-weak-hash.js';

checkCases(htpasswdWeakHash, {
  pass: [
    {
      name: 'bcrypt with a cost, password on stdin',
      input: [
        '# --- admin basic auth (admin-auth middleware), bcrypt cost 12',
        'htpasswd -niB -C 12 "$ADMIN_USER" <<<"$ADMIN_BASIC_AUTH_PASSWORD" > "$WORK/users"',
        'sudo /usr/bin/htpasswd -c -B /etc/nginx/htpasswd ops',
        'htpasswd -bnBC 10 "" "$PW" | tr -d \':\\n\'',
        'openssl passwd -6 -salt "$SALT" -stdin',
        '',
      ].join('\n'),
    },
    {
      name: 'htpasswd as a file name, not a command; comments',
      input: [
        'chmod 600 /etc/nginx/htpasswd',
        'kubectl create secret generic admin-basic-auth --from-file=users=/tmp/admin-htpasswd',
        'cat /etc/nginx/htpasswd > backup.htpasswd',
        '# htpasswd -nb admin "$PW" used to live here',
        'echo "run htpasswd -B yourself"',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'htpasswd without -B (MD5 by default)',
      input: [
        '#!/usr/bin/env bash',
        'if [[ -n "$ADMIN_USER" ]]; then',
        '  htpasswd -nb "$ADMIN_USER" "$(cfg \'.admin.basic_auth_password\')" > /tmp/admin-htpasswd',
        'fi',
        'ssh host "sudo htpasswd -c /etc/nginx/.htpasswd admin"',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'htpasswdDefault', line: 3, column: 3 },
        { messageId: 'htpasswdDefault', line: 5, column: 16 },
      ],
    },
    {
      name: 'explicit weak algorithms',
      input: [
        'htpasswd -bm users.txt admin "$PW"',
        'htpasswd -nbd admin "$PW"',
        'htpasswd -nbs admin "$PW"; htpasswd -nbp admin "$PW"',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'htpasswdWeak', line: 1, column: 1 },
        { messageId: 'htpasswdWeak', line: 2, column: 1 },
        { messageId: 'htpasswdWeak', line: 3, column: 1 },
        { messageId: 'htpasswdWeak', line: 3, column: 28 },
      ],
    },
    {
      name: 'openssl passwd with MD5-crypt or apr1',
      input: 'HASH="$(openssl passwd -apr1 "$PW")"\necho "admin:$(openssl passwd -1 -salt x "$PW")" >> users\n',
      failures: [
        { messageId: 'opensslWeak', line: 1 },
        { messageId: 'opensslWeak', line: 2 },
      ],
    },
  ],
});
