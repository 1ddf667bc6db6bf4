import { NON_ROOT_NAMES } from '../../targets/docker/claims.js';
import { effectiveUser } from '../../targets/docker/dockerfile.js';
import { hasUnresolvedVariable } from '../../targets/docker/image-ref.js';
import { defineCheck } from '../define.js';

export const runsAsRoot = defineCheck({
  id: 'docker/runs-as-root',
  title: 'The image runs as a non-root user',
  severity: 'medium',
  target: 'dockerfile',
  why:
    'Without a USER in the final stage the container runs as root (unless the base image sets a user, which the ' +
    'Dockerfile does not show), so any code execution in the app is root in the container: it can rewrite the app, ' +
    'read every mounted file and is one kernel or runtime bug away from the host. docker run, compose and Kubernetes ' +
    'pods without runAsUser all inherit this default.',
  fix: [
    'Create an unprivileged user in the final stage and switch to it after the steps that need root:',
    '',
    '    RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app',
    '    USER 10001:10001',
    '',
    'A numeric UID lets Kubernetes verify runAsNonRoot. Base images that ship a user (node, distroless :nonroot) need only',
    'the USER line.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 4.1 (ensure that a user for the container has been created)',
    'hadolint DL3002 (last USER should not be root)',
    'Trivy DS002 (image user should not be root)',
    'OWASP Docker Security Cheat Sheet: rule #2, set a user',
  ],
  messages: {
    noUser: 'the final stage (FROM {image}) sets no USER, so the image runs as root',
    rootUser: 'the final stage runs as USER {user}',
  },
  claims: [{ about: 'images run as a non-root user', names: [...NON_ROOT_NAMES, ['USER', 'Dockerfile*'], 'USER instruction'] }],
  evaluate(dockerfile, ctx) {
    const stage = dockerfile.finalStage;
    if (!stage) return ctx.notApplicable();
    const user = effectiveUser(dockerfile, stage);
    if (!user) return ctx.fail(stage.from.location, 'noUser', { image: stage.image });
    if (!hasUnresolvedVariable(user.args) && isRoot(user.args)) ctx.fail(user.location, 'rootUser', { user: user.args.trim() });
  },
});

/** `root`, `0`, `root:root`, `0:0`, `root:app`: the user part decides. */
function isRoot(userArgs: string): boolean {
  const user = userArgs.trim().split(':')[0]!.toLowerCase();
  return user === 'root' || /^0+$/.test(user);
}
