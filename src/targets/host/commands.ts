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
  /** Listening TCP and UDP sockets, numeric, without a header. */
  listeningSockets: 'ss -H -tuln',
  /** ufw's state, default policies and rules (needs root on most systems: exit 1 otherwise). */
  ufwStatus: 'ufw status verbose',
  /** The whole nftables ruleset as JSON (needs CAP_NET_ADMIN: root). */
  nftRuleset: 'nft -j list ruleset',
  /** Every kernel parameter the user can read (root-only ones are left out, with errors on stderr). */
  sysctlAll: 'sysctl -a',
  /**
   * Installed packages with a newer candidate and the archives offering it, from the package lists as last refreshed.
   * Not `apt-get -s dist-upgrade`: its solver costs 1.6 s of the host's CPU against 0.24 s (Debian 12, 138 upgradable).
   */
  aptUpgradable: 'LC_ALL=C apt list --upgradable',
  /** Command lines of running processes (k3s server flags); only flag names and values a check needs are kept. */
  processArgs: 'ps -eo args=',
  /** Whether k3s encrypts Secrets at rest (server nodes, root only). */
  k3sSecretsEncryptStatus: 'k3s secrets-encrypt status',
} as const;

export type HostCommand = keyof typeof HOST_COMMANDS;
