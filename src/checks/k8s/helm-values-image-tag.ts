import { DEPLOYED_IMAGE_UNLESS, LATEST_TAG_NAMES } from '../../targets/docker/claims.js';
import { floatsOnLatest, hasUnresolvedVariable, parseImageRef } from '../../targets/docker/image-ref.js';
import { dottedPath, valuesMaps, type HelmValues, type ValuesMap } from '../../targets/k8s/helm-values.js';
import { asString } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

/** What one image of the values renders as, by the chart conventions, when it floats. */
interface FloatingImage {
  path: YamlPath;
  image: string;
  messageId: 'latestTag' | 'latestAppVersion' | 'latestReference';
}

export const helmValuesImageTag = defineCheck({
  id: 'k8s/helm-values-image-tag',
  title: 'Helm chart values name no image by :latest',
  severity: 'medium',
  target: 'helm-values',
  why:
    "A chart's values.yaml is what every install renders unless it overrides it. An image set there by `latest` " +
    'moves on every push: two installs of the same chart version run different code, and a rollback goes nowhere. ' +
    'The chart conventions (the `helm create` scaffold, Bitnami) render `image.repository`, `image.tag` and ' +
    '`image.digest`; an empty tag falls back on the chart appVersion, so only a chart whose appVersion is `latest` floats then.',
  fix: [
    'Set a version tag (the chart appVersion, by the scaffold convention) and, better, a digest:',
    '',
    '    image:',
    '      repository: ghcr.io/acme/api',
    '      tag: "1.4.2"',
    '      digest: sha256:<64 hex digits>   # when the templates render it (Bitnami charts do)',
    '',
    'An install can still override it (--set image.tag=...); the default is what most installs get.',
  ].join('\n'),
  refs: [
    'Helm documentation, Chart Best Practices: Images (a fixed tag or SHA; never latest, head, canary)',
    'Kubernetes documentation, Configuration Best Practices: avoid :latest',
    'Checkov CKV_K8S_14 (image tag is not latest or blank), on rendered manifests',
  ],
  messages: {
    latestTag: 'chart "{chart}" defaults {path} to latest: the image "{image}" moves on every push (the chart\'s default; an install may override it)',
    latestAppVersion:
      'chart "{chart}" leaves {path} empty, so the image "{image}" takes the chart appVersion "latest", which moves on every push (the chart\'s default; an install may override it)',
    latestReference: 'chart "{chart}" defaults {path} to the image "{image}" by :latest, which moves on every push (the chart\'s default; an install may override it)',
  },
  claims: [{ about: 'no :latest images', risk: true, names: [['Helm', 'latest'], ['values.yaml', 'latest'], ...LATEST_TAG_NAMES], unless: DEPLOYED_IMAGE_UNLESS }],
  evaluate(values, ctx) {
    for (const image of valuesMaps(values.data).flatMap((entry) => floatingImages(values, entry)))
      ctx.fail(values.at(image.path), image.messageId, { chart: values.chart, path: dottedPath(image.path), image: image.image });
  },
});

const isLatest = (tag: string) => tag.trim().toLowerCase() === 'latest';
const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The images of one mapping that float: an image mapping (`repository` under a key naming an
 * image: `image`, `images`, `initImage`) whose tag is latest with no digest, or empty when the chart
 * appVersion it falls back on is latest; and an `image:` reference written whole with `:latest`.
 * A reference without a tag is left alone: the templates may append one.
 */
function floatingImages(values: HelmValues, { path, key, map, disabled }: ValuesMap): FloatingImage[] {
  if (disabled) return [];
  const found: FloatingImage[] = [];
  const repository = asString(map.repository);
  if (repository && !hasUnresolvedVariable(repository) && /image/i.test(key) && isEmpty(map.digest) && isEmpty(map.sha) && !repository.includes('@')) {
    const registry = asString(map.registry);
    const name = registry && !isEmpty(registry) ? `${registry}/${repository}` : repository;
    const tag = asString(map.tag);
    if (tag !== undefined && !hasUnresolvedVariable(tag) && isLatest(tag)) found.push({ path: [...path, 'tag'], image: `${name}:${tag}`, messageId: 'latestTag' });
    else if (isEmpty(map.tag) && !parseImageRef(repository)?.tag && values.appVersion !== undefined && isLatest(values.appVersion))
      found.push({ path: 'tag' in map ? [...path, 'tag'] : [...path, 'repository'], image: `${name}:${values.appVersion}`, messageId: 'latestAppVersion' });
  }
  for (const [child, value] of Object.entries(map)) {
    if (!/^image$/i.test(child) || typeof value !== 'string' || hasUnresolvedVariable(value)) continue;
    const image = parseImageRef(value);
    if (image?.tag !== undefined && floatsOnLatest(image)) found.push({ path: [...path, child], image: image.raw, messageId: 'latestReference' });
  }
  return found;
}
