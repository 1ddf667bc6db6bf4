import { hostFail2ban } from './host/fail2ban.js';
import { firewall } from './host/firewall.js';
import { k3sFlags } from './host/k3s-flags.js';
import { listeningPorts } from './host/listening-ports.js';
import { pendingUpdates } from './host/pending-updates.js';
import { hostSecretFileModes } from './host/secret-file-modes.js';
import { hostSshdConfig } from './host/sshd-config.js';
import { hostSudoersNopasswd } from './host/sudoers-nopasswd.js';
import { sysctl } from './host/sysctl.js';
import { hostUnattendedUpgrades } from './host/unattended-upgrades.js';
import type { AnyCheck } from './define.js';

/** The host checks: one line per module under src/checks/host/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  hostFail2ban,
  firewall,
  k3sFlags,
  listeningPorts,
  pendingUpdates,
  hostSecretFileModes,
  hostSshdConfig,
  hostSudoersNopasswd,
  sysctl,
  hostUnattendedUpgrades,
];
