import { hostFail2ban } from './host/fail2ban.js';
import { hostSecretFileModes } from './host/secret-file-modes.js';
import { hostSshdConfig } from './host/sshd-config.js';
import { hostSudoersNopasswd } from './host/sudoers-nopasswd.js';
import { hostUnattendedUpgrades } from './host/unattended-upgrades.js';
import type { AnyCheck } from './define.js';

/** The host checks: one line per module under src/checks/host/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  hostFail2ban,
  hostSecretFileModes,
  hostSshdConfig,
  hostSudoersNopasswd,
  hostUnattendedUpgrades,
];
