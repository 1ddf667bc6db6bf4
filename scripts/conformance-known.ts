/**
 * What `npm run conformance` knows about its peers: disagreements that were looked at
 * and explained, and peer checks harden deliberately has no equivalent for. A
 * disagreement missing from this table is printed as unexplained: fix the check, or
 * add a row here with the reason.
 */

export type Verdict = 'theirs wrong' | 'ours wrong' | 'differs by design';

export interface KnownDisagreement {
  verdict: Verdict;
  reason: string;
}

/** Polaris fixture (`<check>/<file>`) → why harden's verdict differs. */
export const POLARIS_DISAGREEMENTS: Record<string, KnownDisagreement> = {
  'insecureCapabilities/success.yaml': {
    verdict: 'differs by design',
    reason: 'drops the 15 capabilities Polaris lists, not ALL; harden requires drop ALL because the runtime default set is not fixed (it differs between containerd, CRI-O and versions)',
  },
  'insecureCapabilities/success.case.yaml': {
    verdict: 'differs by design',
    reason: 'same list in mixed case, still not ALL (harden requires drop ALL)',
  },
  'insecureCapabilities/success.pod.yaml': {
    verdict: 'differs by design',
    reason: 'same list on the container, not ALL (harden requires drop ALL)',
  },
  'nakedPod/success.yaml': {
    verdict: 'differs by design',
    reason:
      'a bare Pod without ownerReferences, like failure.yaml (the two differ only in a label value): nothing in the file manages it, so harden reports both; Polaris\'s verdict depends on something outside the file',
  },
};

/** Polaris checks with no harden equivalent, and why. */
export const POLARIS_UNMAPPED: Record<string, string> = {
  clusterrolebindingPodExecAttach:
    'harden reports the Role/ClusterRole that grants pods/exec or pods/attach once (k8s/rbac-pod-exec), not each binding to it; Polaris also fails a binding whose role is not in the file',
  rolebindingClusterRolePodExecAttach:
    'harden reports the Role/ClusterRole that grants pods/exec or pods/attach once (k8s/rbac-pod-exec), not each binding to it; Polaris also fails a binding whose role is not in the file',
  rolebindingRolePodExecAttach:
    'harden reports the Role/ClusterRole that grants pods/exec or pods/attach once (k8s/rbac-pod-exec), not each binding to it; Polaris also fails a binding whose role is not in the file',
  missingNetworkPolicy:
    'differs by design: Polaris also requires Egress and non-empty ingress/egress rules, so it fails pods a deny-all policy isolates; harden asks for a default-deny per namespace (k8s/namespace-default-deny) and for every pod to be selected (k8s/pod-without-network-policy)',
  missingPodDisruptionBudget:
    'differs by design: Polaris asks for a PDB on every Deployment, single-replica ones included (where a PDB can only block drains); k8s/missing-pdb asks for one on workloads with more than one replica',
  cpuLimitsMissing:
    'by design: a CPU limit throttles even on an idle node, so k8s/resources does not require one by default (its option requireCpuLimit: true does)',
  hostProcess: 'Windows HostProcess containers: no Windows workloads in scope yet',
  linuxHardening:
    'composite (passes on any one of seccomp, AppArmor, SELinux or drop capabilities): harden checks seccomp (k8s/seccomp-profile) and capabilities (k8s/capabilities-drop-all) separately, each stricter',
  metadataAndInstanceMismatched: 'label hygiene (app.kubernetes.io/name vs instance), not a security or reliability property',
  oneController:
    'not decidable from one file: its two fixtures differ only in a label value, so the verdict depends on other objects Polaris loads (pods owned by several controllers are a live-cluster condition)',
  priorityClassNotSet: 'cluster policy: which PriorityClasses exist and which workloads deserve one is decided per cluster',
  resourceRange: 'a Polaris custom-check example with site-specific bounds, not a built-in rule',
  topologySpreadConstraint: 'scheduling preference; k8s/single-replica covers the availability risk that matters most',
  hpaMaxAvailability: 'capacity planning (maxReplicas equal to minReplicas leaves no room to scale), not a hardening finding',
  hpaMinAvailability:
    'harden judges the workload, not a lone HPA: k8s/single-replica reports a Deployment/StatefulSet whose HPA scales it down to 1 replica; these fixtures hold only the HPA',
  sensitiveConfigmapContent: 'ConfigMap contents: owned by the repository secret checks (not a workload check)',
};
