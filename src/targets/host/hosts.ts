import { HOST_COMMANDS, type HostCommand } from './commands.js';
import type { HostConfig } from './config.js';
import type { CommandOutput, HostTarget, RemoteStat } from './host-target.js';
import { SshSession, type SessionOptions } from './ssh-session.js';

/** The plan's hosts as check targets, one SSH session each (opened on first use), and how to close them. */
export class HostTargets {
  private readonly sessions: SshSession[] = [];
  private warmed = false;
  readonly targets: readonly HostTarget[];

  constructor(configs: readonly HostConfig[], options: SessionOptions) {
    this.targets = configs.map((config, index) => {
      const session = new SshSession(config, options);
      this.sessions.push(session);
      return hostTarget(config, index, session, () => this.warmAll());
    });
  }

  /**
   * The first read of any host opens every host's connection: a run reads each host it has, and
   * the engine's bound on evaluations in flight must not queue handshakes one wave after another.
   */
  private warmAll(): void {
    if (this.warmed) return;
    this.warmed = true;
    for (const session of this.sessions) session.warm();
  }

  close(): void {
    for (const session of this.sessions) session.close();
  }
}

function hostTarget(config: HostConfig, index: number, session: SshSession, warm: () => void): HostTarget {
  const { host, port } = config.ssh;
  const cached = memo(warm);
  const restrictPorts = config.restrictPorts && Object.fromEntries(Object.entries(config.restrictPorts).map(([key, cidrs]) => [Number(key), cidrs]));
  return {
    // The name too: a plan may reach one address as two hosts (another user, a jump port).
    identity: `${host}:${port} ${config.name}`,
    name: config.name,
    location: { kind: 'host', host, port },
    declaredAt: ['targets', 'hosts', index],
    expect: { ...(config.allowPorts ? { allowPorts: config.allowPorts } : {}), ...(restrictPorts ? { restrictPorts } : {}) },
    path: (key, fallback) => config.paths[key] ?? fallback,
    run: (command: HostCommand) =>
      cached<CommandOutput>(`run:${command}`, () => session.exec(config.sudo ? `sudo -n ${HOST_COMMANDS[command]}` : HOST_COMMANDS[command])),
    stat: (path) => cached<RemoteStat | undefined>(`stat:${path}`, () => session.stat(path)),
    readFile: (path) => cached<string | undefined>(`read:${path}`, () => session.readFile(path)),
    listDir: (path) => cached<string[] | undefined>(`list:${path}`, () => session.listDir(path)),
  };
}

function memo(beforeFirst: () => void): <T>(key: string, read: () => Promise<T>) => Promise<T> {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>) => {
    let result = reads.get(key) as Promise<T> | undefined;
    if (!result) {
      beforeFirst();
      result = read();
      reads.set(key, result);
    }
    return result;
  };
}
