import { datastorePortExposed } from './compose/datastore-port-exposed.js';
import { debuggerPortExposed } from './compose/debugger-port-exposed.js';
import { devModeService } from './compose/dev-mode-service.js';
import { dockerSocket } from './compose/docker-socket.js';
import { grafanaAnonymousAdmin } from './compose/grafana-anonymous-admin.js';
import { hostNetworkService } from './compose/host-network.js';
import { composeImageDigest } from './compose/image-digest.js';
import { inlineCredentials } from './compose/inline-credentials.js';
import { latestImage } from './compose/latest-image.js';
import { privilegedService } from './compose/privileged.js';
import { secretsInCommand } from './compose/secrets-in-command.js';
import type { AnyCheck } from './define.js';

/** The compose checks: one line per module under src/checks/compose/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  datastorePortExposed,
  debuggerPortExposed,
  devModeService,
  dockerSocket,
  grafanaAnonymousAdmin,
  hostNetworkService,
  composeImageDigest,
  inlineCredentials,
  latestImage,
  privilegedService,
  secretsInCommand,
];
