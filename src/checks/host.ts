import { firewall } from './host/firewall.js';
import { k3sFlags } from './host/k3s-flags.js';
import { listeningPorts } from './host/listening-ports.js';
import { pendingUpdates } from './host/pending-updates.js';
import { sysctl } from './host/sysctl.js';
import type { AnyCheck } from './define.js';

/** The host checks: one line per module under src/checks/host/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  firewall,
  k3sFlags,
  listeningPorts,
  pendingUpdates,
  sysctl,
];
