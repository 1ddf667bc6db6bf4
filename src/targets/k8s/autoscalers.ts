import { manifestObjects } from './manifest-targets.js';
import type { Location } from '../location.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asNumber, asRecord, asString } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { scopeIndex } from './scopes.js';

/** A HorizontalPodAutoscaler (or KEDA ScaledObject) that sets a workload's replica count. */
export interface Autoscaler {
  readonly object: K8sObject;
  /** The fewest replicas it ever runs: HPA minReplicas (default 1), KEDA minReplicaCount (default 0). */
  readonly minReplicas: number;
  /** Where the minimum is written (or the spec when it is left to its default). */
  readonly minReplicasAt: Location;
}

export interface AutoscalerIndex {
  /** The autoscaler targeting `kind/name` deployed with `workload` (see ScopeIndex). */
  forWorkload(kind: string, name: string, workload: K8sObject): Autoscaler | undefined;
}

/** Autoscalers by the `kind/name` of their scale target: one map lookup per workload. */
export const autoscalerIndex = defineIndex<AutoscalerIndex>('k8s:autoscalers', (workspace) => {
  const scopes = useIndex(workspace, scopeIndex);
  const byTarget = new Map<string, Autoscaler[]>();
  for (const object of manifestObjects(workspace)) {
    const autoscaler = toAutoscaler(object);
    if (!autoscaler) continue;
    const target = asRecord(asRecord(object.data.spec)?.scaleTargetRef);
    const kind = asString(target?.kind) ?? (object.kind === 'ScaledObject' ? 'Deployment' : undefined);
    const name = asString(target?.name);
    if (!kind || !name) continue;
    const key = `${kind}/${name}`;
    const list = byTarget.get(key);
    if (list) list.push(autoscaler);
    else byTarget.set(key, [autoscaler]);
  }
  return {
    forWorkload(kind, name, workload) {
      return byTarget.get(`${kind}/${name}`)?.find((entry) => scopes.related(entry.object, workload));
    },
  };
});

function toAutoscaler(object: K8sObject): Autoscaler | undefined {
  const spec = asRecord(object.data.spec);
  if (!spec) return undefined;
  if (object.kind === 'HorizontalPodAutoscaler') {
    const written = asNumber(spec.minReplicas);
    return { object, minReplicas: written ?? 1, minReplicasAt: object.at(written === undefined ? 'spec' : 'spec.minReplicas') };
  }
  if (object.kind === 'ScaledObject') {
    const written = asNumber(spec.minReplicaCount);
    return { object, minReplicas: written ?? 0, minReplicasAt: object.at(written === undefined ? 'spec' : 'spec.minReplicaCount') };
  }
  return undefined;
}
