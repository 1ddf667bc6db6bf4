import { adminServiceOnAllInterfaces } from './repo/admin-service-on-all-interfaces.js';
import { credentialInConfig } from './repo/credential-in-config.js';
import { curlPipeShell } from './repo/curl-pipe-shell.js';
import { debugFlagInProd } from './repo/debug-flag-in-prod.js';
import { dockerPushLatest } from './repo/docker-push-latest.js';
import { emptySecretWarnOnly } from './repo/empty-secret-warn-only.js';
import { highEntropyAssignment } from './repo/high-entropy-assignment.js';
import { htpasswdWeakHash } from './repo/htpasswd-weak-hash.js';
import { k3sSecretsEncryptionOff } from './repo/k3s-secrets-encryption-off.js';
import { kubeconfigWorldReadable } from './repo/kubeconfig-world-readable.js';
import { modsecurityNotBlocking } from './repo/modsecurity-not-blocking.js';
import { nginxAliasTraversal } from './repo/nginx-alias-traversal.js';
import { nginxAutoindex } from './repo/nginx-autoindex.js';
import { nginxSecurityHeaders } from './repo/nginx-security-headers.js';
import { nginxStatusOpen } from './repo/nginx-status-open.js';
import { passwordOnCommandLine } from './repo/password-on-command-line.js';
import { runtimeSocketWorldWritable } from './repo/runtime-socket-world-writable.js';
import { secretBuildArg } from './repo/secret-build-arg.js';
import { secretFallbackDefault } from './repo/secret-fallback-default.js';
import { secretInTree } from './repo/secret-in-tree.js';
import { secretIntoConfigmap } from './repo/secret-into-configmap.js';
import { setImageByTag } from './repo/set-image-by-tag.js';
import { shellXtraceSecrets } from './repo/shell-xtrace-secrets.js';
import { sshHostKeyCheckDisabled } from './repo/ssh-host-key-check-disabled.js';
import { sshdConfig } from './repo/sshd-config.js';
import { tlsVerifyDisabled } from './repo/tls-verify-disabled.js';
import { traefikFileInsecure } from './repo/traefik-file-insecure.js';
import { traefikFileSecurityHeaders } from './repo/traefik-file-security-headers.js';
import type { AnyCheck } from './define.js';

/** The repo checks: one line per module under src/checks/repo/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  adminServiceOnAllInterfaces,
  credentialInConfig,
  curlPipeShell,
  debugFlagInProd,
  dockerPushLatest,
  emptySecretWarnOnly,
  highEntropyAssignment,
  htpasswdWeakHash,
  k3sSecretsEncryptionOff,
  kubeconfigWorldReadable,
  modsecurityNotBlocking,
  nginxAliasTraversal,
  nginxAutoindex,
  nginxSecurityHeaders,
  nginxStatusOpen,
  passwordOnCommandLine,
  runtimeSocketWorldWritable,
  secretBuildArg,
  secretFallbackDefault,
  secretInTree,
  secretIntoConfigmap,
  setImageByTag,
  shellXtraceSecrets,
  sshHostKeyCheckDisabled,
  sshdConfig,
  tlsVerifyDisabled,
  traefikFileInsecure,
  traefikFileSecurityHeaders,
];
