import { useIndex } from '../repo/shared-index.js';
import type { Workspace } from '../repo/workspace.js';
import { scopeIndex } from './scopes.js';
import { objectsOfFile, type K8sObject } from './objects.js';
import { serviceAccountIndex } from './service-accounts.js';
import { workloadOf, type K8sContainer, type K8sWorkload } from './workloads.js';

/**
 * The Kubernetes targets of a workspace, read once: each under the key the target registry
 * (targets/kinds.ts) uses, so checks and cross-file indexes share one copy.
 */
export function manifestObjects(workspace: Workspace): K8sObject[] {
  return workspace.memo('targets:k8s-object', () => workspace.files('manifests').flatMap((file) => objectsOfFile(file, workspace.yaml(file))));
}

export function manifestWorkloads(workspace: Workspace): K8sWorkload[] {
  return workspace.memo('targets:k8s-workload', () => {
    const objects = manifestObjects(workspace);
    const serviceAccounts = serviceAccountIndex(objects, useIndex(workspace, scopeIndex));
    return objects.flatMap((object) => workloadOf(object, serviceAccounts) ?? []);
  });
}

export function manifestContainers(workspace: Workspace): K8sContainer[] {
  return workspace.memo('targets:k8s-container', () => manifestWorkloads(workspace).flatMap((workload) => workload.containers));
}
