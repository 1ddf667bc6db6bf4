import { ciModel, parseUses, type CiJob, type CiStep } from '../../targets/ci/jobs.js';
import { publishes, releaseTriggers } from '../../targets/ci/publish.js';
import { defineCheck } from '../define.js';

/**
 * How an action's caching is turned on: always, or by an input read with `on` (undefined when
 * absent; `major` is the action's major version when its ref or the ref's comment tells it).
 * An input given as an expression may be on: it counts as on.
 */
type Toggle = { always: true } | { input: string; on: (value: string | undefined, major: number | undefined) => boolean };

const YES = new Set(['true', 'yes', '1', 'on']);
const truthy = (value: string | undefined) => value !== undefined && YES.has(value.toLowerCase());
const notFalse = (value: string | undefined) => value === undefined || !['false', 'no', '0', 'off'].includes(value.toLowerCase());
const given = (value: string | undefined) => value !== undefined && value !== '' && notFalse(value);

/** Actions that restore a cache, and how their caching is controlled. */
const CACHING: ReadonlyMap<string, Toggle> = new Map<string, Toggle>([
  ['actions/cache', { input: 'lookup-only', on: (value) => value !== 'true' }],
  ['actions/cache/restore', { always: true }],
  // On by default from v4 (setup-go) and v5 (setup-node's package-manager-cache, which `cache:` also turns on).
  ['actions/setup-go', { input: 'cache', on: (value, major) => (value === undefined ? major !== undefined && major >= 4 : notFalse(value)) }],
  ['actions/setup-node', { input: 'cache', on: given }],
  ['actions/setup-node#package-manager-cache', { input: 'package-manager-cache', on: (value, major) => (value === undefined ? major !== undefined && major >= 5 : notFalse(value)) }],
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
  ['pyo3/maturin-action', { input: 'sccache', on: truthy }],
  ['ramsey/composer-install', { input: 'ignore-cache', on: (value) => !truthy(value) }],
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
    const major = (step: CiStep) => {
      const at = workflow.at([...step.path, 'uses']);
      return majorVersion(step, at.kind === 'file' ? workflow.lineText(at.line) : undefined);
    };
    for (const job of model.jobs) {
      const publisher = job.steps.find(publishes);
      if (release.length === 0 && !publisher) continue;
      const why = publisher ? `publishes (step "${publisher.label}")` : `runs on a ${release.join(' and ')}`;
      const scope = publisher ? `job "${job.id}"` : `job "${job.id}" of a workflow`;
      for (const step of cachingSteps(job, major, release.length > 0 && !publisher)) {
        ctx.fail(workflow.at([...step.path, 'uses']), 'cached', { step: step.label, action: parseUses(step.uses!).action, scope, release: why, where: step.where });
      }
    }
  },
});

/** `${{ !startsWith(github.ref, 'refs/tags/') }}`, `${{ !(… github.ref_type == 'tag') }}`: a toggle that is off on tag runs. */
const OFF_ON_TAGS = /^\$\{\{\s*!\s*\(?[^}]*(refs\/tags|ref_type\s*==\s*'tag')/;

/** The steps of a job that restore a cache; `tagRelease`: the workflow's release runs are tag runs (push of tags, release). */
function cachingSteps(job: CiJob, major: (step: CiStep) => number | undefined, tagRelease: boolean): CiStep[] {
  return job.steps.filter((step) => {
    if (step.uses === undefined) return false;
    const action = parseUses(step.uses).action.toLowerCase();
    const toggles = [CACHING.get(action), CACHING.get(`${action}#package-manager-cache`)].filter((toggle) => toggle !== undefined);
    return toggles.some((toggle) => {
      if ('always' in toggle) return true;
      const value = step.with[toggle.input];
      const written = value === undefined || value === null ? undefined : String(value).trim();
      if (written?.startsWith('${{')) return !(tagRelease && OFF_ON_TAGS.test(written));
      return toggle.on(written, major(step));
    });
  });
}

/** `@v5`, `@v6.1.0`, or a commit SHA followed by a `# v5.0.0` comment: 5. */
function majorVersion(step: CiStep, lineText: string | undefined): number | undefined {
  const { ref } = parseUses(step.uses ?? '');
  const fromRef = /^v?(\d+)/.exec(ref ?? '');
  if (fromRef && !/^[0-9a-f]{40}$/i.test(ref ?? '')) return Number(fromRef[1]);
  const fromComment = /#\s*v?(\d+)[.\s]/.exec(`${lineText ?? ''} `);
  return fromComment ? Number(fromComment[1]) : undefined;
}
