import { fail2ban } from './host/fail2ban.js';
import { firewall } from './host/firewall.js';
import { k3sFlags } from './host/k3s-flags.js';
import { listeningPorts } from './host/listening-ports.js';
import { pendingUpdates } from './host/pending-updates.js';
import { secretFileModes } from './host/secret-file-modes.js';
import { sshdConfig } from './host/sshd-config.js';
import { sudoersNopasswd } from './host/sudoers-nopasswd.js';
import { sysctl } from './host/sysctl.js';
import { unattendedUpgrades } from './host/unattended-upgrades.js';
import type { AnyCheck } from './define.js';

/** The host checks: one line per module under src/checks/host/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  fail2ban,
  firewall,
  k3sFlags,
  listeningPorts,
  pendingUpdates,
  secretFileModes,
  sshdConfig,
  sudoersNopasswd,
  sysctl,
  unattendedUpgrades,
];
