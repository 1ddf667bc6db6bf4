/**
 * The only commands harden runs on a host: fixed, read-only, never built from plan strings.
 * A check names one by its key; its output is read once per host.
 */
export const HOST_COMMANDS = {
  /** The effective sshd configuration, after Match-less defaults and includes. */
  sshdEffective: 'sshd -T',
  /** apt's merged configuration (apt.conf and apt.conf.d), as apt itself reads it; no root needed. */
  aptConfig: 'apt-config dump',
  /** Whether the unattended-upgrades package is installed (Debian/Ubuntu). */
  unattendedUpgradesPackage: "dpkg-query -W -f='${Status}' unattended-upgrades",
  /** fail2ban's jails (needs root: the server's socket is root's). */
  fail2banStatus: 'fail2ban-client status',
  /** Whether the fail2ban service runs (no root needed). */
  fail2banService: 'systemctl is-active fail2ban',
} as const;

export type HostCommand = keyof typeof HOST_COMMANDS;
