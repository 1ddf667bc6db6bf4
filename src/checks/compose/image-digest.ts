import { DEPLOYED_IMAGE_UNLESS, IMAGE_DIGEST_NAMES } from '../../targets/docker/claims.js';
import { floatsOnLatest, hasUnresolvedVariable, isPinnedByDigest, parseImageRef } from '../../targets/docker/image-ref.js';
import { fromDotenv } from '../../targets/compose/dotenv-related.js';
import { defineCheck } from '../define.js';

/*
 * `:latest` and untagged images are compose/latest-image's; this check covers the version tag
 * without a digest, so one image is never reported twice.
 */
export const composeImageDigest = defineCheck({
  id: 'compose/image-digest',
  title: 'Compose services pin their images by digest',
  severity: 'low',
  target: 'compose-service',
  why:
    'A version tag such as postgres:16 or redis:7-alpine is still a movable pointer: the publisher re-pushes it for ' +
    'every patch release and base-image rebuild, so two machines running the same compose file can run different ' +
    'code, and a compromised or broken push arrives without any change to the file. A digest names exactly one image.',
  fix: [
    'Keep the tag for people and add the digest (Renovate and Dependabot update both):',
    '',
    '    image: postgres:16.6@sha256:<64 hex digits>',
    '',
    'Get the digest with `docker buildx imagetools inspect postgres:16.6`.',
  ].join('\n'),
  refs: [
    'compose-lint CL-0019 (image not pinned by digest)',
    'OpenSSF Scorecard Pinned-Dependencies',
    'Docker documentation, Building best practices: pin base image versions',
  ],
  messages: {
    notPinned: 'service "{service}" runs {image} by tag, not pinned by digest',
  },
  claims: [{ about: 'images pinned by digest', names: IMAGE_DIGEST_NAMES, unless: DEPLOYED_IMAGE_UNLESS }],
  evaluate(service, ctx) {
    const written = service.image;
    const image = written === undefined ? undefined : parseImageRef(written);
    // With `build:`, `image:` names the image compose builds, not one it pulls.
    if (!written || !image || service.spec.build !== undefined || hasUnresolvedVariable(written)) return ctx.notApplicable();
    if (!floatsOnLatest(image) && !isPinnedByDigest(image)) ctx.fail(service.at('image'), 'notPinned', { service: service.name, image: image.raw }, { related: fromDotenv(service) });
  },
});
