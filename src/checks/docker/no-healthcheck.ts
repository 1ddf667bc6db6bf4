import type { Dockerfile, DockerStage } from '../../targets/docker/dockerfile.js';
import { defineCheck } from '../define.js';

export const noHealthcheck = defineCheck({
  id: 'docker/no-healthcheck',
  title: 'The image declares a HEALTHCHECK',
  severity: 'info',
  target: 'dockerfile',
  why:
    'Without a HEALTHCHECK, docker run, compose and Swarm only know whether the process exists: a server that is ' +
    'deadlocked, out of connections or stuck on startup stays "running", `depends_on: condition: service_healthy` ' +
    'cannot wait for it, and restart policies never kick in. Kubernetes ignores HEALTHCHECK (it has its own probes), ' +
    'so this matters for images that also run outside a cluster.',
  fix: [
    'Declare how to tell the service is healthy, with a command that exists in the final image:',
    '',
    '    HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \\',
    '      CMD wget -qO- http://127.0.0.1:3000/healthz >/dev/null || exit 1',
    '',
    'Distroless or scratch images can run the app binary itself (`CMD ["/app/server", "healthcheck"]`). Write',
    '`HEALTHCHECK NONE` to opt out on purpose.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 4.6 (ensure that HEALTHCHECK instructions have been added to container images)',
    'hadolint DL3057 (HEALTHCHECK instruction missing)',
    'Checkov CKV_DOCKER_2',
    'Trivy DS-0026 (no HEALTHCHECK defined)',
  ],
  messages: {
    missing: 'the final stage (FROM {image}) declares no HEALTHCHECK',
  },
  peers: [
    { tool: 'hadolint', rule: 'DL3057' },
    { tool: 'checkov', rule: 'CKV_DOCKER_2' },
    { tool: 'trivy', rule: 'DS-0026' },
  ],
  claims: [
    {
      about: 'images declare a HEALTHCHECK',
      names: ['HEALTHCHECK instruction', ['HEALTHCHECK', 'Dockerfile*'], ['HEALTHCHECK', 'image*'], ['health check*', 'Dockerfile*'], ['health check*', 'docker image*']],
    },
  ],
  evaluate(dockerfile, ctx) {
    const stage = dockerfile.finalStage;
    if (!stage) return ctx.notApplicable();
    if (!declaresHealthcheck(dockerfile, stage)) ctx.fail(stage.from.location, 'missing', { image: stage.image });
  },
});

/** A HEALTHCHECK (NONE included) in the stage or in the earlier stage it is built FROM. */
function declaresHealthcheck(dockerfile: Dockerfile, stage: DockerStage): boolean {
  if (stage.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK')) return true;
  if (!stage.fromStage) return false;
  const parent = dockerfile.stages.filter((earlier) => earlier.index < stage.index && earlier.name?.toLowerCase() === stage.image.toLowerCase()).at(-1);
  return parent ? declaresHealthcheck(dockerfile, parent) : false;
}
