import type { AnyCheck, MessageData } from '../checks/define.js';
import { formatMessage, messageText } from '../checks/define.js';
import { HOST_COMMANDS, type HostCommand } from '../targets/host/commands.js';
import type { CommandOutput, HostPathKey, HostTarget, RemoteStat } from '../targets/host/host-target.js';
import type { Location } from '../targets/location.js';

/** What a recorded host holds: command outputs (missing commands exit 127) and files with modes. */
export interface FakeHostContent {
  commands?: Partial<Record<HostCommand, Partial<CommandOutput>>>;
  files?: Record<string, string | { content?: string; mode: number }>;
  paths?: Partial<Record<HostPathKey, string>>;
}

/** A host answering from recorded outputs: for parser tests of host checks, without SSH. */
export function fakeHost(content: FakeHostContent): HostTarget {
  const files = new Map(Object.entries(content.files ?? {}).map(([path, file]) => [path, typeof file === 'string' ? { content: file, mode: 0o644 } : file]));
  const dirs = new Set([...files.keys()].flatMap((path) => path.split('/').slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`)));
  return {
    identity: 'recorded:22',
    name: 'recorded',
    location: { kind: 'host', host: 'recorded', port: 22 },
    expect: {},
    path: (key, fallback) => content.paths?.[key] ?? fallback,
    run: async (command) => {
      const output = content.commands?.[command];
      return output ? { stdout: '', stderr: '', exitCode: 0, ...output } : { stdout: '', stderr: `sh: 1: ${HOST_COMMANDS[command].split(' ')[0]}: not found\n`, exitCode: 127 };
    },
    stat: async (path): Promise<RemoteStat | undefined> => {
      const file = files.get(path);
      if (file) return { path, mode: file.mode, uid: 0, gid: 0, size: file.content?.length ?? 0, isDirectory: false, isFile: true };
      return dirs.has(path) ? { path, mode: 0o755, uid: 0, gid: 0, size: 4096, isDirectory: true, isFile: false } : undefined;
    },
    readFile: async (path) => files.get(path)?.content,
    listDir: async (path) => (dirs.has(path) ? [...new Set([...files.keys(), ...dirs].filter((p) => p.startsWith(`${path}/`)).map((p) => p.slice(path.length + 1).split('/')[0]!))].sort() : undefined),
  };
}

export interface HostFinding {
  messageId: string;
  message: string;
  at: Location;
  evidence?: string;
}

/** A host check's evaluation on one host: its failures, or its error, or notApplicable. */
export async function evaluateOnHost(check: AnyCheck, host: HostTarget): Promise<{ fails: HostFinding[]; notApplicable: boolean; error?: string; measured?: string }> {
  const fails: HostFinding[] = [];
  let notApplicable = false;
  let measured: string | undefined;
  try {
    await check.evaluate(host, {
      fail: (at: Location, messageId: string, data?: MessageData, details?: string | { evidence?: string }) => {
        const evidence = typeof details === 'string' ? details : details?.evidence;
        fails.push({ messageId, message: formatMessage(messageText(check, messageId), data), at, ...(evidence ? { evidence } : {}) });
      },
      notApplicable: () => (notApplicable = true),
      measured: (evidence: string) => (measured = evidence),
      computed: () => {},
      shared: () => {
        throw new Error('no shared indexes for host checks');
      },
    }, check.options.parse({}));
  } catch (error) {
    return { fails, notApplicable, error: (error as Error).message };
  }
  return { fails, notApplicable, ...(measured ? { measured } : {}) };
}
