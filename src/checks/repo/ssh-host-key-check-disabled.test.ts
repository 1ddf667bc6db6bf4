import { checkCases } from '../../testing/check-cases.js';
import { sshHostKeyCheckDisabled } from './ssh-host-key-check-disabled.js';

checkCases(sshHostKeyCheckDisabled, {
  pass: [
    {
      name: 'pinned known hosts, accept-new, comments',
      input: [
        'ssh_node() {',
        '  ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$KNOWN_HOSTS" "$SSH_USER@$1" "${@:2}"',
        '}',
        'scp -o StrictHostKeyChecking=accept-new build.tar deploy@host:/tmp/',
        '# never use -o StrictHostKeyChecking=no here',
        '',
      ].join('\n'),
    },
    { name: 'no ssh at all', input: 'echo hello\n' },
  ],
  fail: [
    {
      name: 'an ssh helper that skips host key checks',
      input: ['ssh_node() {', '  ssh -o StrictHostKeyChecking=no "$SSH_USER@$1" "${@:2}"', '}', ''].join('\n'),
      failures: [{ messageId: 'strictOff', line: 2, column: 10 }],
    },
    {
      name: 'rsync, git and an ssh_config written by a here-document',
      input: [
        'rsync -e "ssh -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=No" dist/ web:/srv/',
        'export GIT_SSH_COMMAND="ssh -oStrictHostKeyChecking=no"',
        'cat >> ~/.ssh/config <<EOF',
        'Host *',
        '  StrictHostKeyChecking no',
        'EOF',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'knownHostsNull', line: 1 },
        { messageId: 'strictOff', line: 1 },
        { messageId: 'strictOff', line: 2 },
        { messageId: 'strictOff', line: 5 },
      ],
    },
  ],
});
