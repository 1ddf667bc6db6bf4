import { datastorePortExposed } from './compose/datastore-port-exposed.js';
import type { AnyCheck } from './define.js';
import { floatingBaseImage } from './docker/floating-base-image.js';
import { runsAsRoot } from './docker/runs-as-root.js';
import { allowPrivilegeEscalation } from './k8s/allow-privilege-escalation.js';
import { automountServiceAccountToken } from './k8s/automount-service-account-token.js';
import { capabilitiesDropAll } from './k8s/capabilities-drop-all.js';
import { imageDigest } from './k8s/image-digest.js';
import { imagePullPolicy } from './k8s/image-pull-policy.js';
import { readOnlyRootFilesystem } from './k8s/read-only-root-filesystem.js';
import { runAsNonRoot } from './k8s/run-as-non-root.js';
import { secretsInEnv } from './k8s/secrets-in-env.js';
import { serviceExposesDatastore } from './k8s/service-exposes-datastore.js';
import { serviceNodePort } from './k8s/service-node-port.js';
import { serviceSelectsNothing } from './k8s/service-selects-nothing.js';
import { secretInTree } from './repo/secret-in-tree.js';

/** Every check harden ships, sorted by id; a test holds this list against the files under src/checks. */
export const CHECKS: readonly AnyCheck[] = [
  datastorePortExposed,
  floatingBaseImage,
  runsAsRoot,
  allowPrivilegeEscalation,
  automountServiceAccountToken,
  capabilitiesDropAll,
  imageDigest,
  imagePullPolicy,
  readOnlyRootFilesystem,
  runAsNonRoot,
  secretsInEnv,
  serviceExposesDatastore,
  serviceNodePort,
  serviceSelectsNothing,
  secretInTree,
];

export const catalog: ReadonlyMap<string, AnyCheck> = new Map(CHECKS.map((check) => [check.id, check]));
