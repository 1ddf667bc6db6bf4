import { ciModel, usesAction, type CiStep } from '../../targets/ci/jobs.js';
import { otherNpmRegistry, publishCommand, type Publish } from '../../targets/ci/publish.js';
import { asRecord, asString, type YamlRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** A secret other than the run's own GITHUB_TOKEN. */
const SECRET = /\$\{\{[^}]*\bsecrets\.(?!GITHUB_TOKEN\b)([\w-]+)/i;

export const trustedPublishing = defineCheck({
  id: 'ci/trusted-publishing',
  title: 'Packages are published with trusted publishing, not a long-lived token',
  severity: 'low',
  target: 'ci-workflow',
  why:
    'npm, PyPI, crates.io, RubyGems and NuGet accept trusted publishing: the workflow proves who it is with a ' +
    'short-lived OIDC token (`permissions: id-token: write`) and the registry hands back a credential valid for ' +
    'minutes. A registry token stored as a secret (NPM_TOKEN, a PyPI API token, TWINE_PASSWORD, ' +
    'CARGO_REGISTRY_TOKEN) lives until someone revokes it: leaked from a log, a compromised step or a cache, it ' +
    'publishes malware under the package\'s name, as in the npm account takeovers of 2025. A publish command in ' +
    'a job without `id-token: write` cannot be using trusted publishing, so it is reported even when the token is ' +
    'not visible in the workflow.',
  fix: [
    'Register the workflow as a trusted publisher on the registry, then drop the token:',
    '',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: pypa/gh-action-pypi-publish@<sha>   # no password:',
    '      - run: npm publish --provenance              # npm 11.5+, no NODE_AUTH_TOKEN',
    '',
    'crates.io: rust-lang/crates-io-auth-action; RubyGems: rubygems/release-gem; NuGet: NuGet/login.',
  ].join('\n'),
  refs: [
    'zizmor use-trusted-publishing',
    'OpenSSF, Trusted Publishers for all package repositories',
    'npm documentation, Trusted publishing for npm packages',
    'PyPI documentation, Publishing to PyPI with a Trusted Publisher',
  ],
  messages: {
    token: 'step "{step}" publishes to {registry} ({how}) with the long-lived secret {secret}; {registry} supports trusted publishing',
    noOidc: 'step "{step}" publishes to {registry} ({how}) in a job without id-token: write, so with a stored token; {registry} supports trusted publishing',
  },
  peers: [{ tool: 'zizmor', rule: 'use-trusted-publishing' }],
  claims: [
    {
      about: 'packages published with trusted publishing (OIDC)',
      names: ['trusted publishing', 'trusted publisher*', ['NPM_TOKEN', 'OIDC'], ['PyPI', 'OIDC'], ['publish*', 'long-lived token*'], ['publish*', 'id-token']],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    for (const job of model.jobs) {
      const privateNpm = job.steps.some(otherNpmRegistry);
      for (const step of job.steps) {
        const key = step.run !== undefined && step.uses === undefined ? 'run' : 'uses';
        const found = publishedWithToken(step, [step.env, job.env, model.env]);
        if (found) {
          if (found.registry !== 'npm' || !privateNpm) ctx.fail(workflow.at([...step.path, key]), 'token', { step: step.label, ...found });
          continue;
        }
        const publish = publishCommand(step);
        if (publish && !(publish.registry === 'npm' && privateNpm) && !grantsIdToken(job.hasPermissions ? job.permissions : model.permissions)) {
          ctx.fail(workflow.at([...step.path, key]), 'noOidc', { step: step.label, ...publish });
        }
      }
    }
  },
});

function grantsIdToken(permissions: unknown): boolean {
  return asString(permissions)?.trim() === 'write-all' || asString(asRecord(permissions)?.['id-token'])?.trim() === 'write';
}

/** What the step publishes and the secret it uses, when it does both. */
function publishedWithToken(step: CiStep, envs: readonly YamlRecord[]): (Publish & { secret: string }) | undefined {
  if (usesAction(step.uses, 'pypa/gh-action-pypi-publish')) {
    const password = asString(step.with.password) ?? '';
    const repository = asString(step.with['repository-url']) ?? asString(step.with.repository_url) ?? '';
    const secret = SECRET.exec(password)?.[1];
    if (secret === undefined || (repository !== '' && !/(test\.)?pypi\.org/.test(repository))) return undefined;
    return { registry: 'PyPI', how: 'pypa/gh-action-pypi-publish with password:', secret: `secrets.${secret}` };
  }
  const publish = publishCommand(step);
  if (!publish) return undefined;
  if (/--registry[= ]\S*/.test(step.run ?? '') && !/--registry[= ]\S*registry\.npmjs\.org/.test(step.run ?? '') && publish.registry === 'npm') return undefined;
  const fromScript = SECRET.exec(step.run ?? '')?.[1];
  if (fromScript !== undefined) return { ...publish, secret: `secrets.${fromScript}` };
  for (const env of envs) {
    for (const [name, value] of Object.entries(env)) {
      const secret = SECRET.exec(asString(value) ?? '')?.[1];
      if (secret !== undefined) return { ...publish, secret: `${name} (secrets.${secret})` };
    }
  }
  return undefined;
}
