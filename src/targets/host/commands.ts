/**
 * The only commands harden runs on a host: fixed, read-only, never built from plan strings.
 * A check names one by its key; its output is read once per host.
 */
export const HOST_COMMANDS = {
  /** The effective sshd configuration, after Match-less defaults and includes. */
  sshdEffective: 'sshd -T',
} as const;

export type HostCommand = keyof typeof HOST_COMMANDS;
