import { checkoutPersistCredentials } from './ci/checkout-persist-credentials.js';
import { continueOnErrorSecurity } from './ci/continue-on-error-security.js';
import { deployJobNoEnvironment } from './ci/deploy-job-no-environment.js';
import { expressionInjection } from './ci/expression-injection.js';
import { permissions } from './ci/permissions.js';
import { pullRequestTargetCheckout } from './ci/pull-request-target-checkout.js';
import { secretsEchoed } from './ci/secrets-echoed.js';
import { unpinnedAction } from './ci/unpinned-action.js';
import { datastorePortExposed } from './compose/datastore-port-exposed.js';
import { devModeService } from './compose/dev-mode-service.js';
import { dockerSocket } from './compose/docker-socket.js';
import { hostNetworkService } from './compose/host-network.js';
import { composeImageDigest } from './compose/image-digest.js';
import { inlineCredentials } from './compose/inline-credentials.js';
import { latestImage } from './compose/latest-image.js';
import { privilegedService } from './compose/privileged.js';
import type { AnyCheck } from './define.js';
import { caa } from './dns/caa.js';
import { dmarc } from './dns/dmarc.js';
import { dnssec } from './dns/dnssec.js';
import { mtaSts } from './dns/mta-sts.js';
import { spf } from './dns/spf.js';
import { tlsRpt } from './dns/tls-rpt.js';
import { addRemoteUrl } from './docker/add-remote-url.js';
import { aptHygiene } from './docker/apt-hygiene.js';
import { copiesEnvFile } from './docker/copies-env-file.js';
import { runCurlPipeShell } from './docker/curl-pipe-shell.js';
import { floatingBaseImage } from './docker/floating-base-image.js';
import { noHealthcheck } from './docker/no-healthcheck.js';
import { runsAsRoot } from './docker/runs-as-root.js';
import { secretsInEnvArg } from './docker/secrets-in-env-arg.js';
import { sudoOrChmod777 } from './docker/sudo-or-chmod-777.js';
import { authNoStore } from './http/auth-no-store.js';
import { contentTypeOptions } from './http/content-type-options.js';
import { cookies } from './http/cookies.js';
import { cors } from './http/cors.js';
import { crossOriginIsolation } from './http/cross-origin-isolation.js';
import { csp } from './http/csp.js';
import { exposedPaths } from './http/exposed-paths.js';
import { frameOptions } from './http/frame-options.js';
import { hsts } from './http/hsts.js';
import { observatoryGrade } from './http/observatory-grade.js';
import { redirects } from './http/redirects.js';
import { referrerPolicy } from './http/referrer-policy.js';
import { securityTxt } from './http/security-txt.js';
import { serverLeaks } from './http/server-leaks.js';
import { xssProtection } from './http/xss-protection.js';
import { allowPrivilegeEscalation } from './k8s/allow-privilege-escalation.js';
import { automountServiceAccountToken } from './k8s/automount-service-account-token.js';
import { capabilitiesDropAll } from './k8s/capabilities-drop-all.js';
import { clusterAdminBinding } from './k8s/cluster-admin-binding.js';
import { defaultNamespace } from './k8s/default-namespace.js';
import { defaultServiceAccount } from './k8s/default-service-account.js';
import { defaultServiceAccountBinding } from './k8s/default-service-account-binding.js';
import { duplicateKey } from './k8s/duplicate-key.js';
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
import { namespaceDefaultDeny } from './k8s/namespace-default-deny.js';
import { namespaceDefaultDenyEgress } from './k8s/namespace-default-deny-egress.js';
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
import { portClosed } from './net/port-closed.js';
import { postgresTrust } from './net/postgres-trust.js';
import { redisNoAuth } from './net/redis-no-auth.js';
import { loginTiming } from './probe/login-timing.js';
import { rateLimit } from './probe/rate-limit.js';
import { credentialInConfig } from './repo/credential-in-config.js';
import { curlPipeShell } from './repo/curl-pipe-shell.js';
import { debugFlagInProd } from './repo/debug-flag-in-prod.js';
import { dockerPushLatest } from './repo/docker-push-latest.js';
import { emptySecretWarnOnly } from './repo/empty-secret-warn-only.js';
import { highEntropyAssignment } from './repo/high-entropy-assignment.js';
import { htpasswdWeakHash } from './repo/htpasswd-weak-hash.js';
import { k3sSecretsEncryptionOff } from './repo/k3s-secrets-encryption-off.js';
import { kubeconfigWorldReadable } from './repo/kubeconfig-world-readable.js';
import { nginxSecurityHeaders } from './repo/nginx-security-headers.js';
import { passwordOnCommandLine } from './repo/password-on-command-line.js';
import { secretBuildArg } from './repo/secret-build-arg.js';
import { secretFallbackDefault } from './repo/secret-fallback-default.js';
import { secretInTree } from './repo/secret-in-tree.js';
import { secretIntoConfigmap } from './repo/secret-into-configmap.js';
import { setImageByTag } from './repo/set-image-by-tag.js';
import { shellXtraceSecrets } from './repo/shell-xtrace-secrets.js';
import { sshHostKeyCheckDisabled } from './repo/ssh-host-key-check-disabled.js';
import { sshdConfig } from './repo/sshd-config.js';
import { tlsVerifyDisabled } from './repo/tls-verify-disabled.js';
import { certificateExpiry } from './tls/certificate-expiry.js';
import { certificateValid } from './tls/certificate-valid.js';
import { keyStrength } from './tls/key-strength.js';
import { ocspStapling } from './tls/ocsp-stapling.js';
import { protocolVersions } from './tls/protocol-versions.js';
import { tls13 } from './tls/tls13.js';

/** Every check harden ships, sorted by id; a test holds this list against the files under src/checks. */
export const CHECKS: readonly AnyCheck[] = [
  checkoutPersistCredentials,
  continueOnErrorSecurity,
  deployJobNoEnvironment,
  expressionInjection,
  permissions,
  pullRequestTargetCheckout,
  secretsEchoed,
  unpinnedAction,
  datastorePortExposed,
  devModeService,
  dockerSocket,
  hostNetworkService,
  composeImageDigest,
  inlineCredentials,
  latestImage,
  privilegedService,
  caa,
  dmarc,
  dnssec,
  mtaSts,
  spf,
  tlsRpt,
  addRemoteUrl,
  aptHygiene,
  copiesEnvFile,
  runCurlPipeShell,
  floatingBaseImage,
  noHealthcheck,
  runsAsRoot,
  secretsInEnvArg,
  sudoOrChmod777,
  authNoStore,
  contentTypeOptions,
  cookies,
  cors,
  crossOriginIsolation,
  csp,
  exposedPaths,
  frameOptions,
  hsts,
  observatoryGrade,
  redirects,
  referrerPolicy,
  securityTxt,
  serverLeaks,
  xssProtection,
  allowPrivilegeEscalation,
  automountServiceAccountToken,
  capabilitiesDropAll,
  clusterAdminBinding,
  defaultNamespace,
  defaultServiceAccount,
  defaultServiceAccountBinding,
  duplicateKey,
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
  portClosed,
  postgresTrust,
  redisNoAuth,
  loginTiming,
  rateLimit,
  credentialInConfig,
  curlPipeShell,
  debugFlagInProd,
  dockerPushLatest,
  emptySecretWarnOnly,
  highEntropyAssignment,
  htpasswdWeakHash,
  k3sSecretsEncryptionOff,
  kubeconfigWorldReadable,
  nginxSecurityHeaders,
  passwordOnCommandLine,
  secretBuildArg,
  secretFallbackDefault,
  secretInTree,
  secretIntoConfigmap,
  setImageByTag,
  shellXtraceSecrets,
  sshHostKeyCheckDisabled,
  sshdConfig,
  tlsVerifyDisabled,
  certificateExpiry,
  certificateValid,
  keyStrength,
  ocspStapling,
  protocolVersions,
  tls13,
];

export const catalog: ReadonlyMap<string, AnyCheck> = new Map(CHECKS.map((check) => [check.id, check]));
