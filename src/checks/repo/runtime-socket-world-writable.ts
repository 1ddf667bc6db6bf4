import { redactSecrets } from '../../targets/secrets/redact.js';
import { commandsOfLine, isPrintedText, readShellScript, type ShellWordAt } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** The API sockets of container runtimes: whoever can write to one is root on the host. */
const RUNTIME_SOCKET = /(?:^|\/)(docker|containerd|crio|podman|dockershim|cri-dockerd|k3s\/containerd\/containerd|buildkitd)\.sock$/;

export const runtimeSocketWorldWritable = defineCheck({
  id: 'repo/runtime-socket-world-writable',
  title: 'Scripts do not open the container runtime socket to every user',
  severity: 'critical',
  target: 'shell-script',
  why:
    'The Docker, containerd, CRI-O and Podman sockets take API calls without further authentication: whoever can write ' +
    'to the socket can start a privileged container with the host filesystem mounted, which is root on the host. ' +
    '`chmod 666 /var/run/docker.sock` (a common "fix" for "permission denied") hands that to every local user, every ' +
    'service account and every container that mounts the socket path, and the setting comes back after each restart ' +
    'only if the script runs again, so it also hides in provisioning code.',
  fix: [
    'Keep the socket 660 root:docker and add only the users that need it to the group (they are root-equivalent):',
    '',
    '    sudo usermod -aG docker "$USER"    # then log in again',
    '',
    'or run the daemon rootless (dockerd-rootless-setuptool.sh install), or use Podman rootless.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 3.15/3.16 (Docker socket file ownership root:docker and permissions 660 or more restrictive)',
    'Docker documentation, Docker daemon attack surface',
    'CWE-732: Incorrect permission assignment for critical resource',
  ],
  messages: {
    worldWritable: 'chmod {mode} {socket} lets every local user drive the container runtime, which is root on the host',
  },
  claims: [
    {
      about: 'the container runtime socket is not world-writable',
      risk: true,
      names: [
        ['docker.sock', 'chmod'],
        ['docker.sock', 'permission*'],
        ['docker.sock', '666'],
        ['docker socket', 'permission*'],
        ['docker socket', 'world-writable'],
        ['containerd.sock', 'permission*'],
        ['runtime socket', 'permission*'],
      ],
    },
  ],
  evaluate(script, ctx) {
    if (!/\.sock\b/.test(script.text) || !script.text.includes('chmod')) return;
    for (const line of readShellScript(script.text).lines) {
      if (!line.text.includes('chmod')) continue;
      for (const command of commandsOfLine(line.text)) {
        const chmod = command.findIndex((word) => word.text === 'chmod' || word.text.endsWith('/chmod'));
        if (chmod === -1 || isPrintedText(line.text, command[chmod]!.index)) continue;
        const args = command.slice(chmod + 1).filter((word) => !/^-[A-Za-z]+$|^--[a-z-]+$/.test(word.text));
        const mode = args[0];
        if (!mode || !opensWriteToOthers(mode.text)) continue;
        for (const socket of args.slice(1).filter((word: ShellWordAt) => RUNTIME_SOCKET.test(word.text))) {
          const { line: at, column } = line.positionAt(command[chmod]!.index);
          ctx.fail(script.at(at, column), 'worldWritable', { mode: mode.text, socket: socket.text }, redactSecrets(line.text.trim()).slice(0, 200));
        }
      }
    }
  },
});

/** An octal mode with the "other" write bit, or a symbolic one that gives w to o, a or everyone. */
function opensWriteToOthers(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return (Number(mode.at(-1)) & 2) !== 0;
  return mode.split(',').some((clause) => {
    const parts = /^([ugoa]*)([+=])([rwxXst]+)$/.exec(clause);
    return parts !== null && (parts[1] === '' || /[oa]/.test(parts[1]!)) && parts[3]!.includes('w');
  });
}
