import { ciModel, parseUses, type CiJob, type CiStep } from '../../targets/ci/jobs.js';
import { publishes, releaseTriggers } from '../../targets/ci/publish.js';
import { defineCheck } from '../define.js';

/** How an action's caching is turned on: always, by default unless an input says no, or only when asked. */
type Toggle = { always: true } | { input: string; on: (value: string | undefined) => boolean };

const truthy = (value: string | undefined) => value === 'true';
const notFalse = (value: string | undefined) => value !== 'false';
const given = (value: string | undefined) => value !== undefined && value !== '' && value !== 'false';

/** Actions that restore a cache, and how their caching is controlled. */
const CACHING: ReadonlyMap<string, Toggle> = new Map<string, Toggle>([
  ['actions/cache', { input: 'lookup-only', on: (value) => value !== 'true' }],
  ['actions/cache/restore', { always: true }],
  ['actions/setup-go', { input: 'cache', on: notFalse }],
  ['actions/setup-node', { input: 'cache', on: given }],
  ['actions/setup-python', { input: 'cache', on: given }],
  ['actions/setup-java', { input: 'cache', on: given }],
  ['actions/setup-dotnet', { input: 'cache', on: truthy }],
  ['astral-sh/setup-uv', { input: 'enable-cache', on: truthy }],
  ['swatinem/rust-cache', { input: 'lookup-only', on: (value) => value !== 'true' }],
  ['ruby/setup-ruby', { input: 'bundler-cache', on: truthy }],
  ['oven-sh/setup-bun', { input: 'no-cache', on: (value) => value !== 'true' }],
  ['gradle/actions/setup-gradle', { input: 'cache-disabled', on: (value) => value !== 'true' }],
  ['actions-rust-lang/setup-rust-toolchain', { input: 'cache', on: notFalse }],
  ['jdx/mise-action', { input: 'cache', on: notFalse }],
  ['mozilla-actions/sccache-action', { always: true }],
]);

export const cachePoisoning = defineCheck({
  id: 'ci/cache-poisoning',
  title: 'Release and publish jobs do not restore caches',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    'The GitHub Actions cache is shared by every workflow run on a branch, and the default branch\'s entries are ' +
    'read by all. A step that can write there (a compromised dependency in a test job, a pull_request_target job, ' +
    'an injected script) can plant a poisoned node_modules, Go module cache or toolchain that a later release job ' +
    'restores and builds into what it publishes: the route of the 2024 Ultralytics PyPI compromise. Release ' +
    'builds should start from a clean state. A job counts as a release when its workflow runs on a release event ' +
    'or a push of tags (not a push to a branch named release: test workflows run there too), or when it publishes ' +
    '(a publisher action, ' +
    'docker/build-push-action with push: true, npm publish, twine upload, cargo publish, ...).',
  fix: [
    'Turn caching off in release and publish jobs:',
    '',
    '    - uses: actions/setup-go@<sha>',
    '      with:',
    '        go-version-file: go.mod',
    '        cache: false',
    '',
    'and drop actions/cache there (or use `lookup-only: true`). Keep the cache in test jobs.',
  ].join('\n'),
  refs: [
    'zizmor cache-poisoning',
    'Adnan Khan, The Monsters in Your Build Cache: GitHub Actions Cache Poisoning (2024)',
    'Ultralytics incident report, December 2024',
  ],
  messages: {
    cached: 'step "{step}" restores a cache ({action}) in {scope}, which {release}',
  },
  peers: [{ tool: 'zizmor', rule: 'cache-poisoning' }],
  claims: [
    {
      about: 'release jobs do not restore caches',
      names: ['cache poisoning', ['cache', 'release job*'], ['cache', 'publish*', 'workflow*'], ['actions/cache', 'release*']],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const release = releaseTriggers(model, workflow.data.on);
    for (const job of model.jobs) {
      const publisher = job.steps.find(publishes);
      if (release.length === 0 && !publisher) continue;
      const why = publisher ? `publishes (step "${publisher.label}")` : `runs on a ${release.join(' and ')}`;
      const scope = publisher ? `job "${job.id}"` : `job "${job.id}" of a workflow`;
      for (const step of cachingSteps(job)) {
        ctx.fail(workflow.at([...step.path, 'uses']), 'cached', { step: step.label, action: parseUses(step.uses!).action, scope, release: why, where: step.where });
      }
    }
  },
});

function cachingSteps(job: CiJob): CiStep[] {
  return job.steps.filter((step) => {
    if (step.uses === undefined) return false;
    const toggle = CACHING.get(parseUses(step.uses).action.toLowerCase());
    if (!toggle) return false;
    if ('always' in toggle) return true;
    const value = step.with[toggle.input];
    return toggle.on(value === undefined || value === null ? undefined : String(value).trim());
  });
}
