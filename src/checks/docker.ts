import { addRemoteUrl } from './docker/add-remote-url.js';
import { aptHygiene } from './docker/apt-hygiene.js';
import { copiesEnvFile } from './docker/copies-env-file.js';
import { runCurlPipeShell } from './docker/curl-pipe-shell.js';
import { floatingBaseImage } from './docker/floating-base-image.js';
import { noHealthcheck } from './docker/no-healthcheck.js';
import { runsAsRoot } from './docker/runs-as-root.js';
import { secretsInEnvArg } from './docker/secrets-in-env-arg.js';
import { sudoOrChmod777 } from './docker/sudo-or-chmod-777.js';
import type { AnyCheck } from './define.js';

/** The docker checks: one line per module under src/checks/docker/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  addRemoteUrl,
  aptHygiene,
  copiesEnvFile,
  runCurlPipeShell,
  floatingBaseImage,
  noHealthcheck,
  runsAsRoot,
  secretsInEnvArg,
  sudoOrChmod777,
];
