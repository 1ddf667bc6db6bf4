import { asBoolean, asNumber, asRecord, asString } from '../yaml/read.js';
import type { K8sContainer } from './workloads.js';

/** The fields a container inherits from its pod's securityContext when it does not set them. */
export interface EffectiveSecurityContext {
  runAsNonRoot: boolean | undefined;
  runAsUser: number | undefined;
  seccompProfileType: string | undefined;
}

export function effectiveSecurityContext(container: K8sContainer): EffectiveSecurityContext {
  const own = container.securityContext;
  const pod = asRecord(container.workload.podSpec.securityContext) ?? {};
  const pick = <T>(read: (v: unknown) => T | undefined, key: string): T | undefined => read(own[key]) ?? read(pod[key]);
  return {
    runAsNonRoot: pick(asBoolean, 'runAsNonRoot'),
    runAsUser: pick(asNumber, 'runAsUser'),
    seccompProfileType: asString(asRecord(own.seccompProfile)?.type) ?? asString(asRecord(pod.seccompProfile)?.type),
  };
}
