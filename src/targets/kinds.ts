import { workspaceWorkflows, type CiWorkflow } from './ci/workflow.js';
import type { ComposeService } from './compose/compose.js';
import { composeProjectServices } from './compose/project.js';
import { parseDockerfile, type Dockerfile } from './docker/dockerfile.js';
import { hasHelmValues, helmValues, type HelmValues } from './k8s/helm-values.js';
import { manifestContainers, manifestObjects, manifestWorkloads } from './k8s/manifest-targets.js';
import type { BackupSetTarget } from './backup/backup-set.js';
import type { HostTarget } from './host/host-target.js';
import { monitorTargets, type MonitorTarget } from './monitor-record/target.js';
import { secretRecordTargets, type SecretRecordTarget } from './secret-record/record.js';
import type { K8sObject } from './k8s/objects.js';
import type { K8sContainer, K8sWorkload } from './k8s/workloads.js';
import type { DomainTarget, ServiceTarget, SiteTarget, TlsTarget } from './live/targets.js';
import { textFilesOf, type TextFile } from './repo/text-file.js';
import type { FileGroup, Workspace } from './repo/workspace.js';

/** Every kind of target a check can ask for, and its type. */
export interface TargetTypes {
  'k8s-object': K8sObject;
  'k8s-workload': K8sWorkload;
  'k8s-container': K8sContainer;
  /** The values file of each Helm chart (values.yaml, values-*.yaml beside Chart.yaml). */
  'helm-values': HelmValues;
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
  /** Live: each host of targets.hosts, over SSH. */
  host: HostTarget;
  /** Each backup set of the plan's `backups:`. */
  'backup-set': BackupSetTarget;
  /** Each secret of the plan's `secrets:` section: its recorded rotation. */
  'secret-record': SecretRecordTarget;
  /** Each monitor of the plan, with what the monitor's store recorded for it. */
  monitor: MonitorTarget;
}
export type TargetKind = keyof TargetTypes;

const LOADERS: { [K in TargetKind]: (workspace: Workspace) => TargetTypes[K][] } = {
  'k8s-object': manifestObjects,
  'k8s-workload': manifestWorkloads,
  'k8s-container': manifestContainers,
  'helm-values': helmValues,
  dockerfile: (ws) =>
    ws.files('dockerfiles').flatMap((file) => {
      const text = ws.text(file);
      return text === undefined ? [] : [parseDockerfile(file, text)];
    }),
  'compose-service': composeProjectServices,
  'ci-workflow': workspaceWorkflows,
  'shell-script': (ws) => textFilesOf(ws, 'scripts'),
  'config-file': (ws) => textFilesOf(ws, 'configs'),
  'repo-file': (ws) => textFilesOf(ws, 'tree'),
  site: (ws) => ws.live?.sites() ?? [],
  domain: (ws) => ws.live?.domains() ?? [],
  'tls-endpoint': (ws) => ws.live?.tlsEndpoints() ?? [],
  service: (ws) => ws.live?.services() ?? [],
  host: (ws) => ws.live?.hosts() ?? [],
  'backup-set': (ws) => ws.live?.backupSets() ?? [],
  'secret-record': (ws) => secretRecordTargets(ws, ws.live?.config.secrets ?? [], () => manifestObjects(ws)),
  monitor: (ws) => monitorTargets(ws.live?.config.monitors?.records ?? [], ws.live?.config.monitors?.store),
};

const hasFiles = (group: FileGroup) => (ws: Workspace) => ws.files(group).length > 0;

/** Whether a workspace has targets of a kind, known from the walk's file groups and the plan's live targets alone. */
const PRESENT: { [K in TargetKind]: (workspace: Workspace) => boolean } = {
  'k8s-object': hasFiles('manifests'),
  'k8s-workload': hasFiles('manifests'),
  'k8s-container': hasFiles('manifests'),
  'helm-values': hasHelmValues,
  dockerfile: hasFiles('dockerfiles'),
  // Compose files are also found by content among the YAML files (compose fragments).
  'compose-service': (ws) => hasFiles('compose')(ws) || hasFiles('manifests')(ws),
  'ci-workflow': hasFiles('workflows'),
  'shell-script': hasFiles('scripts'),
  'config-file': hasFiles('configs'),
  'repo-file': hasFiles('tree'),
  site: (ws) => (ws.live?.sites().length ?? 0) > 0,
  domain: (ws) => (ws.live?.domains().length ?? 0) > 0,
  'tls-endpoint': (ws) => (ws.live?.tlsEndpoints().length ?? 0) > 0,
  service: (ws) => (ws.live?.services().length ?? 0) > 0,
  host: (ws) => (ws.live?.config.hosts?.length ?? 0) > 0,
  'backup-set': (ws) => (ws.live?.config.backups?.sets.length ?? 0) > 0,
  'secret-record': (ws) => (ws.live?.config.secrets?.length ?? 0) > 0,
  monitor: (ws) => (ws.live?.config.monitors?.records.length ?? 0) > 0,
};

/** The target kinds a workspace may have targets of, before any file is read: a kind left out has none. */
export function presentTargetKinds(workspace: Workspace): Set<TargetKind> {
  return new Set((Object.keys(PRESENT) as TargetKind[]).filter((kind) => PRESENT[kind](workspace)));
}

/** The targets of one kind, loaded once per workspace and shared by every check. */
export function loadTargets<K extends TargetKind>(workspace: Workspace, kind: K): TargetTypes[K][] {
  return workspace.memo(`targets:${kind}`, () => LOADERS[kind](workspace));
}
