import { manifestWorkloads } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asNumber, asRecord } from '../yaml/read.js';
import { autoscalerIndex, type Autoscaler, type AutoscalerIndex } from './autoscalers.js';
import type { K8sObject } from './objects.js';
import { placementKeys, scopeIndex, type ScopeIndex } from './scopes.js';
import { labelPair, podLabels, type LabelSelector, type Labels } from './selectors.js';
import type { K8sWorkload } from './workloads.js';

/** Kinds whose `spec.replicas` says how many pods run (1 when unset). */
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** The pods one workload runs: their labels, namespace and how many there are at least. */
export interface PodTemplate {
  readonly workload: K8sWorkload;
  readonly namespace: string | undefined;
  readonly labels: Labels;
  /**
   * The fewest pods the workload runs: the autoscaler's minimum (HPA minReplicas, KEDA
   * minReplicaCount) when one scales it, else `spec.replicas` (default 1), 1 for a bare Pod;
   * undefined when unknowable (DaemonSet: one per node; Job, CronJob; a templated value).
   */
  readonly minReplicas: number | undefined;
  /** The HorizontalPodAutoscaler (or KEDA ScaledObject) scaling the workload, when the repository has one. */
  readonly autoscaler: Autoscaler | undefined;
}

export interface PodTemplateIndex {
  readonly all: readonly PodTemplate[];
  /** Pod templates deployed with `object`: in one of its units, in the same namespace there (see ScopeIndex). */
  inScopeOf(object: K8sObject): readonly PodTemplate[];
  /** Pod templates deployed with `object` that `selector` selects; looked up by label, not scanned, when it can be. */
  selectedBy(selector: LabelSelector, object: K8sObject): PodTemplate[];
  /** Pod templates of one placement (a `placementKey`) that `selector` selects. */
  selectedAt(selector: LabelSelector, key: string): PodTemplate[];
  /** The template of one workload. */
  of(workload: K8sWorkload): PodTemplate | undefined;
}

/** Every pod template of the workspace's manifests, by placement and by label pair. */
export const podTemplateIndex = defineIndex('k8s/pod-templates', (workspace) =>
  buildPodTemplateIndex(manifestWorkloads(workspace), useIndex(workspace, autoscalerIndex), useIndex(workspace, scopeIndex)),
);

export function buildPodTemplateIndex(workloads: readonly K8sWorkload[], autoscalers: AutoscalerIndex, scopes: ScopeIndex): PodTemplateIndex {
  const all: PodTemplate[] = [];
  const byPlacement = new Map<string, PodTemplate[]>();
  /** By placement and pair: a common label in many copies of an app stays a short list. */
  const byPlacedPair = new Map<string, PodTemplate[]>();
  const byWorkload = new Map<K8sWorkload, PodTemplate>();
  for (const workload of workloads) {
    const namespace = workload.object.namespace;
    const autoscaler = autoscalers.forWorkload(workload.kind, workload.name, workload.object);
    const template: PodTemplate = { workload, namespace, labels: podLabels(workload.podMetadata), minReplicas: minReplicasOf(workload, autoscaler), autoscaler };
    all.push(template);
    byWorkload.set(workload, template);
    for (const key of placementKeys(scopes.placements(workload.object))) {
      push(byPlacement, key, template);
      for (const [label, value] of template.labels) push(byPlacedPair, `${key}\u0000${labelPair(label, value)}`, template);
    }
  }

  const unique = (lists: (readonly PodTemplate[] | undefined)[]): PodTemplate[] => {
    const present = lists.filter((list): list is readonly PodTemplate[] => list !== undefined && list.length > 0);
    return present.length === 1 ? [...present[0]!] : [...new Set(present.flat())];
  };
  const inScopeOf = (object: K8sObject): PodTemplate[] => unique(placementKeys(scopes.placements(object)).map((key) => byPlacement.get(key)));

  return {
    all,
    inScopeOf,
    of: (workload) => byWorkload.get(workload),
    selectedBy: (selector, object) => selectedIn(selector, placementKeys(scopes.placements(object))),
    selectedAt: (selector, key) => selectedIn(selector, [key]),
  };

  function selectedIn(selector: LabelSelector, keys: readonly string[]): PodTemplate[] {
    if (selector.invalid) return [];
    // The `In` requirement with the fewest candidates narrows the search; others are checked on each.
    let candidates: PodTemplate[] | undefined;
    for (const requirement of selector.requirements) {
      if (requirement.operator !== 'In') continue;
      const found = unique(requirement.values.flatMap((value) => keys.map((key) => byPlacedPair.get(`${key}\u0000${labelPair(requirement.key, value)}`))));
      if (!candidates || found.length < candidates.length) candidates = found;
    }
    return (candidates ?? unique(keys.map((key) => byPlacement.get(key)))).filter((template) => selector.matches(template.labels));
  }
}

function minReplicasOf(workload: K8sWorkload, autoscaler: Autoscaler | undefined): number | undefined {
  if (autoscaler) return autoscaler.minReplicas;
  if (workload.kind === 'Pod') return 1;
  if (!REPLICATED_KINDS.has(workload.kind)) return undefined;
  const replicas = asRecord(workload.object.data.spec)?.replicas;
  if (replicas === undefined || replicas === null) return 1;
  return asNumber(replicas);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
