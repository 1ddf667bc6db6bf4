import { workflowOf, type CiWorkflow } from './ci/workflow.js';
import { composeServicesOf, type ComposeService } from './compose/compose.js';
import { parseDockerfile, type Dockerfile } from './docker/dockerfile.js';
import { objectsOfFile, type K8sObject } from './k8s/objects.js';
import { serviceAccountIndex } from './k8s/service-accounts.js';
import { workloadOf, type K8sContainer, type K8sWorkload } from './k8s/workloads.js';
import type { DomainTarget, ServiceTarget, SiteTarget, TlsTarget } from './live/targets.js';
import { textFile, type TextFile } from './repo/text-file.js';
import type { FileGroup, Workspace } from './repo/workspace.js';

/** Every kind of target a check can ask for, and its type. */
export interface TargetTypes {
  'k8s-object': K8sObject;
  'k8s-workload': K8sWorkload;
  'k8s-container': K8sContainer;
  dockerfile: Dockerfile;
  'compose-service': ComposeService;
  'ci-workflow': CiWorkflow;
  /** Shell scripts (targets.scripts). */
  'shell-script': TextFile;
  /** Host and app config files: sshd_config, nginx, .env, config.yaml (targets.configs). */
  'config-file': TextFile;
  /** Every text file of the tree, for secret scanning (targets.tree). */
  'repo-file': TextFile;
  /** Live: each site of targets.sites. */
  site: SiteTarget;
  /** Live: each domain of targets.domains. */
  domain: DomainTarget;
  /** Live: host:port of each https site. */
  'tls-endpoint': TlsTarget;
  /** Live: each service of targets.services. */
  service: ServiceTarget;
}
export type TargetKind = keyof TargetTypes;

const LOADERS: { [K in TargetKind]: (workspace: Workspace) => TargetTypes[K][] } = {
  'k8s-object': (ws) => ws.files('manifests').flatMap((file) => objectsOfFile(file, ws.yaml(file))),
  'k8s-workload': (ws) => {
    const objects = loadTargets(ws, 'k8s-object');
    const serviceAccounts = serviceAccountIndex(objects);
    return objects.flatMap((object) => workloadOf(object, serviceAccounts) ?? []);
  },
  'k8s-container': (ws) => loadTargets(ws, 'k8s-workload').flatMap((workload) => workload.containers),
  dockerfile: (ws) =>
    ws.files('dockerfiles').flatMap((file) => {
      const text = ws.text(file);
      return text === undefined ? [] : [parseDockerfile(file, text)];
    }),
  'compose-service': (ws) => ws.files('compose').flatMap((file) => composeServicesOf(file, ws.yaml(file))),
  'ci-workflow': (ws) => ws.files('workflows').flatMap((file) => workflowOf(file, ws.yaml(file)) ?? []),
  'shell-script': (ws) => textFilesOf(ws, 'scripts'),
  'config-file': (ws) => textFilesOf(ws, 'configs'),
  'repo-file': (ws) => textFilesOf(ws, 'tree'),
  site: (ws) => ws.live?.sites() ?? [],
  domain: (ws) => ws.live?.domains() ?? [],
  'tls-endpoint': (ws) => ws.live?.tlsEndpoints() ?? [],
  service: (ws) => ws.live?.services() ?? [],
};

function textFilesOf(workspace: Workspace, group: FileGroup): TextFile[] {
  return workspace.files(group).flatMap((file) => {
    const text = workspace.text(file, { binary: 'skip' });
    return text === undefined ? [] : [textFile(file, text)];
  });
}

/** The targets of one kind, loaded once per workspace and shared by every check. */
export function loadTargets<K extends TargetKind>(workspace: Workspace, kind: K): TargetTypes[K][] {
  return workspace.memo(`targets:${kind}`, () => LOADERS[kind](workspace));
}
