import { formatMessage, messageText, type AnyCheck, type MessageData, type ResultData } from '../checks/define.js';
import { HOST_COMMANDS, type HostCommand } from '../targets/host/commands.js';
import type { CommandOutput, HostExpectations, HostPathKey, HostTarget, RemoteStat } from '../targets/host/host-target.js';
import type { Location } from '../targets/location.js';

/** A recorded file: its text (mode 0644), or its mode with or without text (no text: the SSH user may not read it). */
export type RecordedFile = string | { content?: string; mode: number };

/**
 * What a recorded host answers: command outputs (a string is stdout with exit 0; an object's
 * missing fields are empty, exit 0), files, directories and plan paths.
 */
export interface RecordedHostSpec {
  name?: string;
  commands?: Partial<Record<HostCommand, string | Partial<CommandOutput>>>;
  files?: Record<string, RecordedFile>;
  /** Files that exist but the SSH user may not read (stat answers with mode 0600, readFile does not). */
  unreadable?: string[];
  expect?: HostExpectations;
  paths?: Partial<Record<HostPathKey, string>>;
}

/**
 * Test helper: an in-memory HostTarget built from recorded outputs, for host checks' tests
 * before (and besides) the end-to-end run over the test sshd. A command without a recording
 * answers as a missing tool does (exit 127); a file without one does not exist.
 */
export class RecordedHost implements HostTarget {
  readonly name: string;
  readonly identity: string;
  readonly location: Location;
  readonly expect: HostExpectations;
  readonly ran: HostCommand[] = [];

  constructor(private readonly spec: RecordedHostSpec) {
    this.name = spec.name ?? 'node-1';
    this.identity = `host:${this.name}`;
    this.location = { kind: 'host', host: this.name, port: 22 };
    this.expect = spec.expect ?? {};
  }

  path(key: HostPathKey, fallback: string): string {
    return this.spec.paths?.[key] ?? fallback;
  }

  async run(command: HostCommand): Promise<CommandOutput> {
    this.ran.push(command);
    const output = this.spec.commands?.[command];
    if (output === undefined) return { stdout: '', stderr: `sh: 1: ${HOST_COMMANDS[command].split(' ')[0]}: not found\n`, exitCode: 127 };
    return typeof output === 'string' ? { stdout: output, stderr: '', exitCode: 0 } : { stdout: '', stderr: '', exitCode: 0, ...output };
  }

  async stat(path: string): Promise<RemoteStat | undefined> {
    if (this.spec.unreadable?.includes(path)) return { path, mode: 0o600, uid: 0, gid: 0, size: 100, isDirectory: false, isFile: true };
    const file = this.recordedFile(path);
    if (file) return { path, mode: file.mode, uid: 0, gid: 0, size: file.content?.length ?? 0, isDirectory: false, isFile: true };
    const isDirectory = Object.keys(this.spec.files ?? {}).some((name) => name.startsWith(`${path.replace(/\/$/, '')}/`));
    return isDirectory ? { path, mode: 0o755, uid: 0, gid: 0, size: 4096, isDirectory: true, isFile: false } : undefined;
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.spec.unreadable?.includes(path) ? undefined : this.recordedFile(path)?.content;
  }

  private recordedFile(path: string): { content?: string; mode: number } | undefined {
    const file = this.spec.files?.[path];
    return typeof file === 'string' ? { content: file, mode: 0o644 } : file;
  }

  async listDir(path: string): Promise<string[] | undefined> {
    const prefix = `${path.replace(/\/$/, '')}/`;
    const names = Object.keys(this.spec.files ?? {})
      .filter((file) => file.startsWith(prefix))
      .map((file) => file.slice(prefix.length).split('/')[0]!);
    return names.length === 0 ? undefined : [...new Set(names)].sort();
  }
}

/** What one host check reported on a recorded host, messages formatted as the engine formats them. */
export interface HostCheckOutcome {
  status: 'pass' | 'fail' | 'not-applicable' | 'error';
  failures: { messageId: string; message: string; data: MessageData; at: Location; evidence?: string }[];
  evidence?: string;
  data?: ResultData;
  error?: string;
}

/** Evaluates a host check on a recorded host (test helper): the check's own evaluate with a collecting context. */
export async function runHostCheck(check: AnyCheck, host: HostTarget, options: Record<string, unknown> = {}): Promise<HostCheckOutcome> {
  const outcome: HostCheckOutcome = { status: 'pass', failures: [] };
  let applicable = true;
  const ctx = {
    fail(at: Location, messageId: string, data: MessageData = {}, details?: string | { evidence?: string }) {
      const evidence = typeof details === 'string' ? details : details?.evidence;
      outcome.failures.push({ messageId, message: formatMessage(messageText(check, messageId), data), data, at, ...(evidence === undefined ? {} : { evidence }) });
    },
    notApplicable() {
      applicable = false;
    },
    measured(evidence: string) {
      outcome.evidence = evidence;
    },
    computed(data: ResultData) {
      outcome.data = { ...outcome.data, ...data };
    },
    shared(): never {
      throw new Error('host checks use no shared index');
    },
  };
  try {
    await check.evaluate(host, ctx, check.options.parse(options));
  } catch (error) {
    return { status: 'error', failures: [], error: error instanceof Error ? error.message : String(error) };
  }
  outcome.status = !applicable ? 'not-applicable' : outcome.failures.length > 0 ? 'fail' : 'pass';
  return outcome;
}
