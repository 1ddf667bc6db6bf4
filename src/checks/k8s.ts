import { allowPrivilegeEscalation } from './k8s/allow-privilege-escalation.js';
import { automountServiceAccountToken } from './k8s/automount-service-account-token.js';
import { capabilitiesDropAll } from './k8s/capabilities-drop-all.js';
import { clusterAdminBinding } from './k8s/cluster-admin-binding.js';
import { defaultNamespace } from './k8s/default-namespace.js';
import { defaultServiceAccountBinding } from './k8s/default-service-account-binding.js';
import { defaultServiceAccount } from './k8s/default-service-account.js';
import { duplicateKey } from './k8s/duplicate-key.js';
import { helmValuesImageTag } from './k8s/helm-values-image-tag.js';
import { helmValuesPrivilege } from './k8s/helm-values-privilege.js';
import { hostNamespaces } from './k8s/host-namespaces.js';
import { hostPath } from './k8s/host-path.js';
import { hostPort } from './k8s/host-port.js';
import { imageDigest } from './k8s/image-digest.js';
import { imagePullPolicy } from './k8s/image-pull-policy.js';
import { ingressAdminAuth } from './k8s/ingress-admin-auth.js';
import { ingressBackendMissing } from './k8s/ingress-backend-missing.js';
import { ingressRiskyAnnotations } from './k8s/ingress-risky-annotations.js';
import { ingressTls } from './k8s/ingress-tls.js';
import { literalSecretEnv } from './k8s/literal-secret-env.js';
import { livenessProbePath } from './k8s/liveness-probe-path.js';
import { missingPdb } from './k8s/missing-pdb.js';
import { nakedPod } from './k8s/naked-pod.js';
import { namespaceDefaultDenyEgress } from './k8s/namespace-default-deny-egress.js';
import { namespaceDefaultDeny } from './k8s/namespace-default-deny.js';
import { namespacePodSecurity } from './k8s/namespace-pod-security.js';
import { networkPolicyTooBroad } from './k8s/network-policy-too-broad.js';
import { pdbBlocksDrain } from './k8s/pdb-blocks-drain.js';
import { plaintextSecretManifest } from './k8s/plaintext-secret-manifest.js';
import { podWithoutNetworkPolicy } from './k8s/pod-without-network-policy.js';
import { privileged } from './k8s/privileged.js';
import { probePortNotExposed } from './k8s/probe-port-not-exposed.js';
import { probes } from './k8s/probes.js';
import { procMount } from './k8s/proc-mount.js';
import { rbacPodExec } from './k8s/rbac-pod-exec.js';
import { rbacPublicBinding } from './k8s/rbac-public-binding.js';
import { rbacSecretsAccess } from './k8s/rbac-secrets-access.js';
import { rbacWildcards } from './k8s/rbac-wildcards.js';
import { readOnlyRootFilesystem } from './k8s/read-only-root-filesystem.js';
import { redisNoAuth } from './k8s/redis-no-auth.js';
import { resources } from './k8s/resources.js';
import { runAsNonRoot } from './k8s/run-as-non-root.js';
import { seccompProfile } from './k8s/seccomp-profile.js';
import { secretKeyMissing } from './k8s/secret-key-missing.js';
import { secretNotCreated } from './k8s/secret-not-created.js';
import { secretsInArgs } from './k8s/secrets-in-args.js';
import { secretsInEnv } from './k8s/secrets-in-env.js';
import { serviceExposesDatastore } from './k8s/service-exposes-datastore.js';
import { serviceNodePort } from './k8s/service-node-port.js';
import { serviceSelectsNothing } from './k8s/service-selects-nothing.js';
import { serviceTargetPortUnknown } from './k8s/service-target-port-unknown.js';
import { singleReplica } from './k8s/single-replica.js';
import { traefikRateLimitSource } from './k8s/traefik-rate-limit-source.js';
import { traefikSecurityHeaders } from './k8s/traefik-security-headers.js';
import { undefinedMiddleware } from './k8s/undefined-middleware.js';
import type { AnyCheck } from './define.js';

/** The k8s checks: one line per module under src/checks/k8s/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  allowPrivilegeEscalation,
  automountServiceAccountToken,
  capabilitiesDropAll,
  clusterAdminBinding,
  defaultNamespace,
  defaultServiceAccount,
  defaultServiceAccountBinding,
  duplicateKey,
  helmValuesImageTag,
  helmValuesPrivilege,
  hostNamespaces,
  hostPath,
  hostPort,
  imageDigest,
  imagePullPolicy,
  ingressAdminAuth,
  ingressBackendMissing,
  ingressRiskyAnnotations,
  ingressTls,
  literalSecretEnv,
  livenessProbePath,
  missingPdb,
  nakedPod,
  namespaceDefaultDeny,
  namespaceDefaultDenyEgress,
  namespacePodSecurity,
  networkPolicyTooBroad,
  pdbBlocksDrain,
  plaintextSecretManifest,
  podWithoutNetworkPolicy,
  privileged,
  probePortNotExposed,
  probes,
  procMount,
  rbacPodExec,
  rbacPublicBinding,
  rbacSecretsAccess,
  rbacWildcards,
  readOnlyRootFilesystem,
  redisNoAuth,
  resources,
  runAsNonRoot,
  seccompProfile,
  secretKeyMissing,
  secretNotCreated,
  secretsInArgs,
  secretsInEnv,
  serviceExposesDatastore,
  serviceNodePort,
  serviceSelectsNothing,
  serviceTargetPortUnknown,
  singleReplica,
  traefikRateLimitSource,
  traefikSecurityHeaders,
  undefinedMiddleware,
];
