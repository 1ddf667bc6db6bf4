import type { CommandOutput } from './host-target.js';

/**
 * How one of the fixed commands ended: `ok`; `missing` when the tool is not installed (exit
 * 127, or sudo's "command not found"); `denied` when it needs root (sudo asks for a password,
 * a socket or key file is root's); `failed` otherwise.
 */
export type CommandState = 'ok' | 'missing' | 'denied' | 'failed';

export function commandState(output: CommandOutput): CommandState {
  if (output.exitCode === 0) return 'ok';
  const stderr = output.stderr;
  if (output.exitCode === 127 || /sudo: [^:\n]*: command not found/.test(stderr)) return 'missing';
  if (/a password is required|permission denied|must be run as root|need to be root|must be root|not allowed|Access denied|no hostkeys available|Operation not permitted/i.test(stderr)) return 'denied';
  return 'failed';
}

/** The first line of what a command printed on stderr, for an error message. */
export function stderrLine(output: CommandOutput): string {
  return output.stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
