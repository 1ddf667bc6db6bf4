import type { Location } from '../location.js';
import type { Target } from '../target.js';
import { asRecord, asString, recordsOf, type YamlRecord } from '../yaml/read.js';
import { toYamlPath, type YamlPath } from '../yaml/source.js';
import { parseIgnoreAnnotation } from './ignore-annotation.js';
import type { K8sObject } from './objects.js';
import { NO_SERVICE_ACCOUNTS, type PodServiceAccount, type ServiceAccountIndex } from './service-accounts.js';

/** Where each workload kind keeps its pod template spec. */
const POD_SPEC_PATHS: Record<string, YamlPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export type ContainerRole = 'container' | 'initContainer' | 'ephemeralContainer';
const CONTAINER_LISTS: [string, ContainerRole][] = [
  ['containers', 'container'],
  ['initContainers', 'initContainer'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** An object that runs pods: the pod spec, wherever its kind keeps it. */
export interface K8sWorkload extends Target {
  readonly object: K8sObject;
  readonly kind: string;
  readonly name: string;
  readonly podSpec: YamlRecord;
  /** Pod template metadata (the object's own metadata for a bare Pod). */
  readonly podMetadata: YamlRecord;
  readonly containers: readonly K8sContainer[];
  /** The ServiceAccount the pod runs as, resolved against the workspace's manifests on first read. */
  readonly serviceAccount: PodServiceAccount;
  /** Location of a path relative to the pod spec. */
  at(path: string | YamlPath): Location;
}

export interface K8sContainer extends Target {
  readonly workload: K8sWorkload;
  readonly name: string;
  readonly role: ContainerRole;
  readonly spec: YamlRecord;
  readonly securityContext: YamlRecord;
  /** Location of a path relative to the container. */
  at(path: string | YamlPath): Location;
}

/** The kinds with a pod template (or that are a Pod): a check's `kinds` for every workload. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

export function isWorkloadKind(kind: string): boolean {
  return kind in POD_SPEC_PATHS;
}

export function workloadOf(object: K8sObject, serviceAccounts: ServiceAccountIndex = NO_SERVICE_ACCOUNTS): K8sWorkload | undefined {
  const specPath = POD_SPEC_PATHS[object.kind];
  if (!specPath) return undefined;
  let podSpec: unknown = object.data;
  for (const key of specPath) podSpec = asRecord(podSpec)?.[key as string];
  const spec = asRecord(podSpec);
  if (!spec) return undefined;
  const templatePath = specPath.slice(0, -1);
  let template: unknown = object.data;
  for (const key of templatePath) template = asRecord(template)?.[key as string];
  const podMetadata = object.kind === 'Pod' ? asRecord(object.data.metadata) ?? {} : asRecord(asRecord(template)?.metadata) ?? {};

  const containers: K8sContainer[] = [];
  let serviceAccount: PodServiceAccount | undefined;
  const workload: K8sWorkload = {
    identity: object.identity,
    file: object.file,
    location: object.location,
    inlineIgnores: parseIgnoreAnnotation(asRecord(object.data.metadata)?.annotations as YamlRecord, asRecord(podMetadata.annotations)),
    ...(object.reading === undefined ? {} : { reading: object.reading }),
    object,
    kind: object.kind,
    name: object.name,
    podSpec: spec,
    podMetadata,
    containers,
    get serviceAccount() {
      return (serviceAccount ??= serviceAccounts.forPod(spec, object));
    },
    at: (path) => object.at([...specPath, ...relative(path)]),
  };
  for (const [list, role] of CONTAINER_LISTS) {
    const items = Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
    items.forEach((item, index) => {
      const container = asRecord(item);
      if (!container) return;
      const name = asString(container.name) ?? `#${index}`;
      const containerPath = [...specPath, list, index];
      containers.push({
        identity: `${object.identity}/${role}:${name}`,
        file: object.file,
        location: object.at(containerPath),
        inlineIgnores: workload.inlineIgnores,
        ...(object.reading === undefined ? {} : { reading: object.reading }),
        workload,
        name,
        role,
        spec: container,
        securityContext: asRecord(container.securityContext) ?? {},
        at: (path) => object.at([...containerPath, ...relative(path)]),
      });
    });
  }
  return workload;
}

function relative(path: string | YamlPath): YamlPath {
  return typeof path === 'string' ? toYamlPath(path) : path;
}

/** Volumes of a pod spec by name. */
export function volumesByName(podSpec: YamlRecord): Map<string, YamlRecord> {
  return new Map(recordsOf(podSpec.volumes).map((v) => [asString(v.name) ?? '', v]));
}
