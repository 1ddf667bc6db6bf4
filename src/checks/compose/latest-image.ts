import { DEPLOYED_IMAGE_UNLESS, LATEST_TAG_NAMES } from '../../targets/docker/claims.js';
import { floatsOnLatest, hasUnresolvedVariable, parseImageRef } from '../../targets/docker/image-ref.js';
import { fromDotenv } from '../../targets/compose/dotenv-related.js';
import { defineCheck } from '../define.js';

export const latestImage = defineCheck({
  id: 'compose/latest-image',
  title: 'Compose services do not run images by :latest or without a tag',
  severity: 'low',
  target: 'compose-service',
  why:
    '`:latest`, or no tag at all (which means latest), is whatever the publisher pushed last: each `docker compose ' +
    'pull` or fresh machine can start a different major version, with changed defaults, a broken migration or a ' +
    'compromised release, and nobody can tell which version ran yesterday. A version tag makes upgrades a reviewed ' +
    'change; a digest makes them exact.',
  fix: [
    'Name a version, and preferably pin its digest (Renovate and Dependabot keep both current):',
    '',
    '    image: unleashorg/unleash-server:6.9.3@sha256:<64 hex digits>',
    '',
    'Get the digest with `docker buildx imagetools inspect unleashorg/unleash-server:6.9.3`. A service with `build:`',
    'names the image it builds and needs no tag.',
  ].join('\n'),
  refs: [
    'Docker documentation, Building best practices: pin base image versions',
    'compose-lint CL-0004 (image not pinned)',
    'dclint service-image-require-explicit-tag',
    'OpenSSF Scorecard Pinned-Dependencies',
  ],
  messages: {
    latestTag: 'service "{service}" runs {image}, and :latest changes on every upstream push',
    noTag: 'service "{service}" runs {image} without a tag, which means :latest',
  },
  claims: [{ about: 'no :latest images', risk: true, names: LATEST_TAG_NAMES, unless: DEPLOYED_IMAGE_UNLESS }],
  evaluate(service, ctx) {
    const written = service.image;
    const image = written === undefined ? undefined : parseImageRef(written);
    // With `build:`, `image:` names the image compose builds, not one it pulls.
    if (!written || !image || service.spec.build !== undefined || hasUnresolvedVariable(written)) return ctx.notApplicable();
    if (!floatsOnLatest(image)) return;
    ctx.fail(service.at('image'), image.tag === undefined ? 'noTag' : 'latestTag', { service: service.name, image: image.raw }, { related: fromDotenv(service) });
  },
});
