import { ciModel, expressionsIn, type CiJob } from '../../targets/ci/jobs.js';
import { floatsOnLatest, isPinnedByDigest, parseImageRef } from '../../targets/docker/image-ref.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

export const unpinnedImage = defineCheck({
  id: 'ci/unpinned-image',
  title: 'Job containers and service containers are pinned by digest',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    'A job\'s `container:` and its `services:` run next to the steps, on the same network and often with the same ' +
    'secrets in their environment. Their image is pulled by reference at every run: without a tag it is `latest`, ' +
    'whatever was pushed last; with a tag it is whatever the tag points to today, which its publisher (or whoever ' +
    'takes over the account) can move. Only a digest names fixed content.',
  fix: [
    'Pin the image by digest, the tag kept for readers:',
    '',
    '    container:',
    '      image: node:22-bookworm@sha256:<64 hex>',
    '    services:',
    '      postgres:',
    '        image: postgres:17@sha256:<64 hex>',
    '',
    'Dependabot (package-ecosystem: docker) and Renovate update digests in workflows.',
  ].join('\n'),
  refs: ['zizmor unpinned-images', 'GitHub documentation, Running jobs in a container', 'OpenSSF Scorecard Pinned-Dependencies'],
  messages: {
    floating: '{role} image {image} has no tag or uses latest: whatever was pushed last runs',
    tagged: { text: '{role} image {image} is referenced by tag, not by digest', severity: 'low' },
  },
  peers: [{ tool: 'zizmor', rule: 'unpinned-images' }],
  claims: [
    {
      about: 'job and service container images pinned by digest',
      names: [
        ['container image*', 'workflow*', 'digest'],
        ['service container*', 'digest'],
        ['service container*', 'pin*'],
        ['job container*', 'pin*'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    for (const job of model.jobs) {
      for (const { path, role } of imagesOf(job)) {
        const written = asString(valueAt(job.data, path.slice(job.path.length)));
        if (written === undefined) continue;
        for (const reference of expand(written, job)) {
          const image = parseImageRef(reference);
          if (!image || isPinnedByDigest(image)) continue;
          const where = `${path.join('.')}=${reference}`;
          ctx.fail(workflow.at(path), floatsOnLatest(image) ? 'floating' : 'tagged', { role, image: reference, where });
        }
      }
    }
  },
});

/** Where a job names images: `container:` (a string or `image:`) and each service's `image:`. */
function imagesOf(job: CiJob): { path: YamlPath; role: string }[] {
  const found: { path: YamlPath; role: string }[] = [];
  const container = job.data.container;
  if (typeof container === 'string') found.push({ path: [...job.path, 'container'], role: `job "${job.id}" container` });
  else if (asRecord(container)) found.push({ path: [...job.path, 'container', 'image'], role: `job "${job.id}" container` });
  for (const name of Object.keys(asRecord(job.data.services) ?? {})) {
    found.push({ path: [...job.path, 'services', name, 'image'], role: `job "${job.id}" service "${name}"` });
  }
  return found;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  return path.reduce<unknown>((value, key) => asRecord(value)?.[String(key)], data);
}

/**
 * The references an image may stand for: itself, or each value of the matrix key it names
 * (`${{ matrix.image }}`, in the matrix or its `include:` entries); an expression that cannot be read gives none.
 */
function expand(written: string, job: CiJob): string[] {
  const expressions = expressionsIn(written);
  if (expressions.length === 0) return [written.trim()];
  if (expressions.length !== 1) return [];
  const key = /^matrix\.([\w-]+)$/.exec(expressions[0]!.text)?.[1];
  const matrix = asRecord(asRecord(job.data.strategy)?.matrix);
  const included = asArray(matrix?.include).map((entry) => asRecord(entry)?.[key ?? '']);
  const values = key === undefined ? [] : [...asArray(matrix?.[key]), ...included].filter((value) => value !== '');
  const expression = written.slice(expressions[0]!.offset, written.indexOf('}}', expressions[0]!.offset) + 2);
  return values.flatMap((value) => (typeof value === 'string' ? [written.replace(expression, value).trim()] : []));
}
