import type { Claim } from '../../claim.js';

/*
 * What plan items claim about a Kubernetes cluster's workloads as a whole, shared by the
 * several checks that each measure one part of it.
 */

/** "vmagent missing securityContext", "harden the pod security context": each container hardening check measures part of it. */
export const SECURITY_CONTEXT_NAMES: Claim['names'] = ['securityContext', 'security context*', 'container hardening', 'pod hardening', 'workload hardening'];

/** "RBAC least privilege": each RBAC check measures one way a role or binding grants too much. */
export const RBAC_LEAST_PRIVILEGE_NAMES: Claim['names'] = [
  ['RBAC', 'least privilege'],
  ['RBAC', 'least-privileged'],
  ['RBAC', 'overly permissive'],
  ['RBAC', 'over-privileged'],
  ['RBAC', 'excessive'],
  ['RBAC', 'too broad'],
  ['RBAC', 'tighten*'],
  ['RBAC', 'harden*'],
  ['role*', 'least privilege', 'Kubernetes'],
];

/** "Enable network policies", "default-deny + explicit allows": every pod is isolated by a NetworkPolicy. */
export const NETWORK_POLICY_NAMES: Claim['names'] = [
  'NetworkPolic*',
  'network polic*',
  ['network segmentation', 'pod*'],
  ['network segmentation', 'namespace*'],
  ['network segmentation', 'cluster'],
  ['pod-to-pod', 'isolat*'],
  ['pod-to-pod', 'restrict*'],
  ['east-west', 'restrict*'],
  ['lateral movement', 'pod*'],
];
