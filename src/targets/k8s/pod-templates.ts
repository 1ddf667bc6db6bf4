import { manifestWorkloads } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asNumber, asRecord } from '../yaml/read.js';
import { autoscalerIndex, type Autoscaler, type AutoscalerIndex } from './autoscalers.js';
import { labelPair, podLabels, sameNamespace, type LabelSelector, type Labels } from './selectors.js';
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
  /** Pod templates of `namespace` (an unset namespace on either side matches any). */
  inNamespace(namespace: string | undefined): readonly PodTemplate[];
  /** Pod templates of `namespace` that `selector` selects; looked up by label, not scanned, when it can be. */
  selectedBy(selector: LabelSelector, namespace: string | undefined): PodTemplate[];
  /** The template of one workload. */
  of(workload: K8sWorkload): PodTemplate | undefined;
}

/** Every pod template of the workspace's manifests, by namespace and by label pair. */
export const podTemplateIndex = defineIndex('k8s/pod-templates', (workspace) =>
  buildPodTemplateIndex(manifestWorkloads(workspace), useIndex(workspace, autoscalerIndex)),
);

export function buildPodTemplateIndex(workloads: readonly K8sWorkload[], autoscalers: AutoscalerIndex): PodTemplateIndex {
  const all: PodTemplate[] = [];
  const byNamespace = new Map<string | undefined, PodTemplate[]>();
  const byPair = new Map<string, PodTemplate[]>();
  /** By namespace (empty for unset) and pair: a common label in many namespaces stays a short list. */
  const byNamespacedPair = new Map<string, PodTemplate[]>();
  const byWorkload = new Map<K8sWorkload, PodTemplate>();
  for (const workload of workloads) {
    const namespace = workload.object.namespace;
    const autoscaler = autoscalers.forWorkload(workload.kind, workload.name, namespace);
    const template: PodTemplate = { workload, namespace, labels: podLabels(workload.podMetadata), minReplicas: minReplicasOf(workload, autoscaler), autoscaler };
    all.push(template);
    byWorkload.set(workload, template);
    push(byNamespace, namespace, template);
    for (const [key, value] of template.labels) {
      const pair = labelPair(key, value);
      push(byPair, pair, template);
      push(byNamespacedPair, `${namespace ?? ''}\u0000${pair}`, template);
    }
  }

  const merged = new Map<string, readonly PodTemplate[]>();
  const inNamespace = (namespace: string | undefined): readonly PodTemplate[] => {
    if (namespace === undefined) return all;
    let list = merged.get(namespace);
    if (!list) {
      const own = byNamespace.get(namespace) ?? [];
      const unset = byNamespace.get(undefined) ?? [];
      list = unset.length === 0 ? own : own.length === 0 ? unset : [...own, ...unset];
      merged.set(namespace, list);
    }
    return list;
  };

  return {
    all,
    inNamespace,
    of: (workload) => byWorkload.get(workload),
    selectedBy(selector, namespace) {
      if (selector.invalid) return [];
      // The `In` requirement with the fewest candidates narrows the search; others are checked on each.
      let candidates: readonly PodTemplate[] | undefined;
      for (const requirement of selector.requirements) {
        if (requirement.operator !== 'In') continue;
        const found = requirement.values.flatMap((value) => {
          const pair = labelPair(requirement.key, value);
          if (namespace === undefined) return byPair.get(pair) ?? [];
          return [...(byNamespacedPair.get(`${namespace}\u0000${pair}`) ?? []), ...(byNamespacedPair.get(`\u0000${pair}`) ?? [])];
        });
        if (!candidates || found.length < candidates.length) candidates = found;
      }
      const pool = candidates ?? inNamespace(namespace);
      return pool.filter((template) => sameNamespace(template.namespace, namespace) && selector.matches(template.labels));
    },
  };
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
