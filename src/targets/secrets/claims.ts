import type { Claim } from '../../claim.js';

/*
 * What plan items claim about credentials, shared by the checks that measure the same claim
 * in different files (manifests, compose files, Dockerfiles, config files, scripts, CI).
 * "Secret", "token" and "password" alone are in every tracker; here they only appear next
 * to the word that says what is claimed about them.
 */

/** No credential is written into committed files ("hardcoded secrets"). */
export const HARDCODED_SECRET_NAMES: Claim['names'] = [
  ['hardcoded', 'secret*'],
  ['hardcoded', 'credential*'],
  ['hardcoded', 'password*'],
  ['hardcoded', 'token*'],
  ['hardcoded', 'API key*'],
  ['hard-coded', 'secret*'],
  ['hard-coded', 'credential*'],
  ['hard-coded', 'password*'],
  ['hard-coded', 'token*'],
  ['hard-coded', 'API key*'],
  ['secret*', 'committed'],
  ['credential*', 'committed'],
  ['password*', 'committed'],
  ['secret*', 'in plain text', 'repo*'],
  ['literal', 'secret*'],
  ['literal', 'password*'],
];

/** A secret that falls back to a known value is the fallback claim (repo/secret-fallback-default), not a committed secret. */
export const HARDCODED_SECRET_UNLESS: Claim['names'] = ['fallback*', 'placeholder*', 'change-me', 'changeme'];

/** Secrets are committed nowhere in the tree, whatever the file (secret scanning). */
export const COMMITTED_SECRET_NAMES: Claim['names'] = [
  'secret scanning',
  'secret scanner',
  'gitleaks',
  'trufflehog',
  'detect-secrets',
  'git-secrets',
  ['secret*', 'in git'],
  ['secret*', 'git history'],
  ['credential*', 'git history'],
  ['secret*', 'in the repo*'],
  ['credential*', 'in the repo*'],
  ['secret*', 'source control'],
  ['secret*', 'version control'],
  ['secret*', 'source code'],
  ['API key*', 'committed'],
  ['private key*', 'committed'],
  ['leaked', 'credential*'],
  ['leaked', 'API key*'],
];

/** A secret on a command line shows in ps, /proc/<pid>/cmdline and shell history. */
export const COMMAND_LINE_SECRET_NAMES: Claim['names'] = [
  ['secret*', 'command line*'],
  ['password*', 'command line*'],
  ['token*', 'command line*'],
  ['credential*', 'command line*'],
  ['secret*', 'cmdline'],
  ['password*', 'process list*'],
  ['secret*', 'process list*'],
  ['password*', 'shell history'],
  ['secret*', 'argv'],
];

/** Build arguments are recorded in the image history. */
export const SECRET_BUILD_ARG_NAMES: Claim['names'] = [
  ['build arg*', 'secret*'],
  ['build arg*', 'token*'],
  ['build arg*', 'password*'],
  ['build arg*', 'credential*'],
  ['buildArg*', 'secret*'],
  ['docker history', 'secret*'],
  ['image history', 'secret*'],
  ['image history', 'token*'],
  ['build-time', 'secret*'],
  'mount=type=secret',
  ['BuildKit', 'secret*'],
];

/** Secrets end up in an image's layers or config. */
export const SECRETS_IN_IMAGE_NAMES: Claim['names'] = [
  ['secret*', 'in the image*'],
  ['credential*', 'in the image*'],
  ['secret*', 'image layer*'],
  ['secret*', 'baked into'],
  ['credential*', 'baked into'],
  ['secret*', 'docker inspect'],
];

/** Shell tracing prints every expanded command, secrets included. */
export const XTRACE_SECRET_NAMES: Claim['names'] = [
  'xtrace',
  ['set -x', 'secret*'],
  ['set -x', 'password*'],
  ['set -x', 'credential*'],
  ['set -x', 'token*'],
  ['bash -x', 'secret*'],
  ['shell tracing', 'secret*'],
  ['command tracing', 'secret*'],
];

/** ConfigMaps are not Secrets. */
export const CONFIGMAP_SECRET_NAMES: Claim['names'] = [
  ['ConfigMap*', 'secret*'],
  ['ConfigMap*', 'password*'],
  ['ConfigMap*', 'credential*'],
  ['ConfigMap*', 'token*'],
  ['ConfigMap*', 'API key*'],
];

/** A missing secret falls back to a value every reader knows (`${SECRET_KEY:-change-me}`). */
export const SECRET_FALLBACK_NAMES: Claim['names'] = [
  ['secret*', 'fallback*'],
  ['password*', 'fallback*'],
  ['SECRET_KEY', 'default*'],
  ['secret*', 'default value*'],
  ['secret*', 'placeholder*'],
  ['password*', 'placeholder*'],
  'change-me',
  'changeme',
];

/** A service that accepts an empty password. */
export const EMPTY_PASSWORD_NAMES: Claim['names'] = ['empty password*', 'blank password*', 'without a password', ['password*', 'is empty'], 'ALLOW_EMPTY_PASSWORD'];
