import { HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS, SECRET_BUILD_ARG_NAMES, SECRETS_IN_IMAGE_NAMES } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { defineCheck } from '../define.js';

const REFERENCE = /\$\{?[A-Za-z_]/;

export const secretsInEnvArg = defineCheck({
  id: 'docker/secrets-in-env-arg',
  title: 'Dockerfiles do not pass secrets through ENV or ARG',
  severity: 'high',
  target: 'dockerfile',
  why:
    'ENV values are stored in the image config: `docker inspect` and `docker history` show them to anyone who can pull ' +
    'the image, and every container started from it inherits them. ARG values are not in the environment of the ' +
    'final container, but they are recorded in the build history and cache of every layer built after them, so ' +
    '`docker history --no-trunc` prints a secret passed with --build-arg. An ARG with a secret default is a secret ' +
    'committed in the Dockerfile itself.',
  fix: [
    'Mount build-time secrets with BuildKit; they never reach a layer, the history or the cache:',
    '',
    '    RUN --mount=type=secret,id=sentry_token,env=SENTRY_AUTH_TOKEN npm run build',
    '',
    'and build with `docker build --secret id=sentry_token,env=SENTRY_AUTH_TOKEN .`. Runtime secrets come from the',
    'orchestrator (Kubernetes Secret mounted as a file, compose secrets), not from the image.',
  ].join('\n'),
  refs: [
    'Docker documentation, Build secrets; Build checks SecretsUsedInArgOrEnv',
    'CIS Docker Benchmark 4.10 (ensure secrets are not stored in Dockerfiles)',
    'OWASP Docker Security Cheat Sheet: rule #12, do not leak sensitive information to Docker images',
    'Trivy DS-0031 (secrets passed via build-args or envs)',
  ],
  messages: {
    envLiteral: 'ENV {name} puts a secret into the image config ({masked})',
    envFromArg: 'ENV {name}={value} copies a build argument into the image config, where docker inspect shows it',
    argDefault: 'ARG {name} has a secret default ({masked}), committed in the Dockerfile and recorded in the build history',
    argNoDefault: 'ARG {name} takes a secret at build time; build arguments are recorded in the image history',
  },
  peers: [{ tool: 'trivy', rule: 'DS-0031' }],
  claims: [
    {
      about: 'no secrets in the image config', risk: true,
      names: [...SECRETS_IN_IMAGE_NAMES, ['secret*', 'Dockerfile*'], ['credential*', 'Dockerfile*'], ['password*', 'Dockerfile*']],
      messages: ['envLiteral', 'envFromArg'],
    },
    { about: 'no secrets as build arguments', risk: true, names: SECRET_BUILD_ARG_NAMES, messages: ['argDefault', 'argNoDefault'] },
    { about: 'no hardcoded secrets', risk: true, names: HARDCODED_SECRET_NAMES, unless: HARDCODED_SECRET_UNLESS, messages: ['envLiteral', 'argDefault'] },
  ],
  evaluate(dockerfile, ctx) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
        for (const property of instruction.properties) {
          if (!isCredentialName(property.name)) continue;
          const value = property.value?.trim();
          const data = { name: property.name, where };
          if (instruction.keyword === 'ARG') {
            if (value === undefined || value === '') ctx.fail(property.location, 'argNoDefault', data);
            else ctx.fail(property.location, 'argDefault', { ...data, masked: maskSecret(value) });
          } else if (value !== undefined && value !== '') {
            if (REFERENCE.test(value)) ctx.fail(property.location, 'envFromArg', { ...data, value });
            else ctx.fail(property.location, 'envLiteral', { ...data, masked: maskSecret(value) });
          }
        }
      }
    }
  },
});
