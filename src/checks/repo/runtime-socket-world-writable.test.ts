import { checkCases } from '../../testing/check-cases.js';
import { runtimeSocketWorldWritable } from './runtime-socket-world-writable.js';

checkCases(runtimeSocketWorldWritable, {
  pass: [
    {
      name: 'the group way, a 660 socket, and a message that quotes the bad advice',
      input: [
        'sudo usermod -aG docker "$USER"',
        'sudo chown root:docker /var/run/docker.sock',
        'sudo chmod 660 /var/run/docker.sock',
        'chmod 666 /tmp/app.sock',
        'echo "do not run: chmod 666 /var/run/docker.sock"',
        'chmod g+rw /run/containerd/containerd.sock',
        '',
      ].join('\n'),
    },
  ],
  fail: [
    {
      name: 'octal and symbolic modes on the Docker, containerd and k3s sockets',
      input: [
        'sudo chmod 666 /var/run/docker.sock',
        'if [ -S /run/containerd/containerd.sock ]; then sudo chmod o+rw /run/containerd/containerd.sock; fi',
        'chmod -R 777 /run/k3s/containerd/containerd.sock',
        'chmod a+w "$XDG_RUNTIME_DIR/podman/podman.sock"',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'worldWritable', line: 1, column: 6 },
        { messageId: 'worldWritable', line: 2, column: 54 },
        { messageId: 'worldWritable', line: 3, column: 1 },
        { messageId: 'worldWritable', line: 4, column: 1 },
      ],
    },
  ],
});
