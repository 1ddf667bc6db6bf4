import { NON_ROOT_NAMES } from '../../targets/docker/claims.js';
import { buildTargetIndex, builtStages } from '../../targets/docker/build-targets.js';
import { effectiveUser, type DockerInstruction } from '../../targets/docker/dockerfile.js';
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
    noUser: 'the {stage} (FROM {image}) sets no USER, so the image runs as root',
    rootUser: 'the {stage} runs as USER {user}',
  },
  claims: [{ about: 'images run as a non-root user', names: [...NON_ROOT_NAMES, ['USER', 'Dockerfile*'], 'USER instruction'] }],
  evaluate(dockerfile, ctx) {
    const built = builtStages(dockerfile, ctx.shared(buildTargetIndex));
    if (built.length === 0) return ctx.notApplicable();
    const reported = new Set<DockerInstruction>();
    for (const stage of built) {
      const name = stage === dockerfile.finalStage ? 'final stage' : `build target "${stage.name}"`;
      const user = effectiveUser(dockerfile, stage);
      if (!user) ctx.fail(stage.from.location, 'noUser', { stage: name, image: stage.image });
      else if (!reported.has(user) && !hasUnresolvedVariable(user.args) && isRoot(user.args)) {
        reported.add(user);
        ctx.fail(user.location, 'rootUser', { stage: name, user: user.args.trim() });
      }
    }
  },
});

/** `root`, `0`, `root:root`, `0:0`, `root:app`: the user part decides. */
function isRoot(userArgs: string): boolean {
  const user = userArgs.trim().split(':')[0]!.toLowerCase();
  return user === 'root' || /^0+$/.test(user);
}
