import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asNumber, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { scopeIndex } from './scopes.js';

/** One entry of a Service's `spec.ports`. */
export interface ServicePort {
  readonly index: number;
  readonly name: string | undefined;
  readonly port: number | undefined;
  /** A number, a container port name, or undefined (then equal to `port`). */
  readonly targetPort: number | string | undefined;
  readonly nodePort: number | undefined;
}

/** A Service manifest, read once: what it selects and how it is reached. */
export interface K8sService {
  readonly object: K8sObject;
  readonly spec: YamlRecord;
  /** `spec.type`, `ClusterIP` when unset. */
  readonly type: string;
  /** `spec.selector` as written; undefined or empty for a selectorless Service. */
  readonly selector: YamlRecord | undefined;
  readonly ports: readonly ServicePort[];
}

export function serviceOf(object: K8sObject): K8sService | undefined {
  if (object.kind !== 'Service') return undefined;
  const spec = asRecord(object.data.spec) ?? {};
  const ports = asArray(spec.ports).flatMap((item, index): ServicePort[] => {
    const port = asRecord(item);
    if (!port) return [];
    const target = port.targetPort;
    return [
      {
        index,
        name: asString(port.name),
        port: asNumber(port.port),
        targetPort: typeof target === 'number' || typeof target === 'string' ? target : undefined,
        nodePort: asNumber(port.nodePort),
      },
    ];
  });
  const selector = asRecord(spec.selector);
  return { object, spec, type: asString(spec.type) ?? 'ClusterIP', selector: selector && Object.keys(selector).length > 0 ? selector : undefined, ports };
}

/** Annotations cloud controllers read to create an internal (VPC-only) load balancer instead of a public one. */
const INTERNAL_LB_ANNOTATIONS: [string, RegExp][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
];

/**
 * How the Service is reachable from outside the cluster: `NodePort` (every node's address),
 * `LoadBalancer` (a public load balancer), or undefined (cluster-internal, an internal load
 * balancer, or one restricted by loadBalancerSourceRanges).
 */
export function externalExposure(service: K8sService): 'NodePort' | 'LoadBalancer' | undefined {
  if (service.type === 'NodePort') return 'NodePort';
  if (service.type !== 'LoadBalancer') return undefined;
  const annotations = asRecord(asRecord(service.object.data.metadata)?.annotations) ?? {};
  if (INTERNAL_LB_ANNOTATIONS.some(([key, value]) => value.test(asString(annotations[key]) ?? ''))) return undefined;
  const ranges = asArray(service.spec.loadBalancerSourceRanges).flatMap((range) => asString(range) ?? []);
  if (ranges.length > 0 && !ranges.some((range) => range === '0.0.0.0/0' || range === '::/0')) return undefined;
  return 'LoadBalancer';
}

export interface ServiceIndex {
  /** Whether the repository defines any Service at all. */
  readonly any: boolean;
  /** Whether some Service is deployed in a unit of `from`, in any namespace (see ScopeIndex). */
  anyInUnitOf(from: K8sObject): boolean;
  /** The Services named `name` deployed with `from` (see ScopeIndex). */
  find(name: string, from: K8sObject): K8sService[];
  /** Every Service named `name`, wherever it is deployed. */
  named(name: string): readonly K8sService[];
}

/** Services by name, for Ingress and IngressRoute backends. */
export const serviceIndex = defineIndex<ServiceIndex>('k8s/services', (workspace) => {
  const scopes = useIndex(workspace, scopeIndex);
  const byName = new Map<string, K8sService[]>();
  for (const object of manifestObjects(workspace)) {
    const service = serviceOf(object);
    if (!service) continue;
    const list = byName.get(object.name);
    if (list) list.push(service);
    else byName.set(object.name, [service]);
  }
  return {
    any: byName.size > 0,
    find: (name, from) => (byName.get(name) ?? []).filter((service) => scopes.related(service.object, from)),
    named: (name) => byName.get(name) ?? [],
    anyInUnitOf: (from) => [...byName.values()].some((services) => services.some((service) => scopes.sameUnit(service.object, from))),
  };
});
