import { asArray, asRecord } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { K8sContainer } from './workloads.js';

/** Capabilities that reach past the container: the host kernel, other pods' traffic, other processes. */
export const DANGEROUS_CAPABILITIES = new Set<string>([
  'ALL',
  'SYS_ADMIN', // mount, namespaces, cgroups: the classic container escape
  'SYS_MODULE', // load kernel modules
  'SYS_PTRACE', // read and inject into other processes
  'SYS_RAWIO', // raw device and port I/O
  'SYS_BOOT',
  'SYS_TIME', // the clock is node-wide
  'DAC_READ_SEARCH', // open_by_handle_at: read host files (shocker)
  'NET_ADMIN', // rewrite routes and iptables of the pod network
  'NET_RAW', // forge packets: ARP/DNS spoofing of neighbours
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
]);

/** One entry of `securityContext.capabilities.add` or `.drop`. */
export interface CapabilityEntry {
  /** Upper-case, without a `CAP_` prefix: how the runtime compares them. */
  readonly name: string;
  readonly written: string;
  /** Path relative to the container, for `container.at`. */
  readonly path: YamlPath;
}

export interface ContainerCapabilities {
  readonly add: readonly CapabilityEntry[];
  readonly drop: readonly CapabilityEntry[];
  /** `drop` includes ALL (in any case). */
  readonly dropsAll: boolean;
}

/**
 * Capabilities live on the container only (a pod securityContext has no such field);
 * entries that are not strings are ignored, as the API server would reject them.
 */
export function containerCapabilities(container: K8sContainer): ContainerCapabilities {
  const capabilities = asRecord(container.securityContext.capabilities) ?? {};
  const entries = (list: 'add' | 'drop'): CapabilityEntry[] =>
    asArray(capabilities[list]).flatMap((value, index) =>
      typeof value === 'string' ? [{ name: normalizeCapability(value), written: value, path: ['securityContext', 'capabilities', list, index] }] : [],
    );
  const drop = entries('drop');
  return { add: entries('add'), drop, dropsAll: drop.some((entry) => entry.name === 'ALL') };
}

export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}
