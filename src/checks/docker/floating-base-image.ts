import { BASE_IMAGE_DIGEST_NAMES } from '../../targets/docker/claims.js';
import { floatsOnLatest, hasUnresolvedVariable, isPinnedByDigest } from '../../targets/docker/image-ref.js';
import { defineCheck } from '../define.js';

/*
 * A FROM whose image still holds a build argument without a default (`FROM $BASE`) is
 * decided by the build command, not the file: it passes here rather than guessing.
 */
export const floatingBaseImage = defineCheck({
  id: 'docker/floating-base-image',
  title: 'Base images are pinned by digest',
  severity: 'medium',
  target: 'dockerfile',
  why:
    'A base image referenced by tag changes under you: every rebuild can pull different code, a compromised or ' +
    'republished tag flows straight into your image, and a rebuild of an old commit is not the image you shipped. ' +
    '`:latest` or no tag at all changes on every upstream push. A digest pins the exact bytes; the tag next to it stays ' +
    'for people, and Renovate or Dependabot keep the pair current.',
  fix: [
    'Pin every external FROM (builder stages too) by version and digest:',
    '',
    '    FROM node:22.15.0-alpine3.21@sha256:<64 hex digits> AS build',
    '',
    'Get the digest with `docker buildx imagetools inspect node:22.15.0-alpine3.21`. Stages built FROM an earlier',
    'stage and FROM scratch need nothing.',
  ].join('\n'),
  refs: [
    'hadolint DL3006 (always tag the version of an image explicitly) and DL3007 (using latest is prone to errors)',
    'Docker documentation, Building best practices: pin base image versions',
    'CIS Docker Benchmark 4.2 (ensure that containers use only trusted base images)',
    'OpenSSF Scorecard Pinned-Dependencies',
    'Trivy DS001 (":latest" tag used)',
  ],
  messages: {
    latestTag: 'FROM {image} uses :latest (or no tag), which changes on every upstream push',
    notPinned: 'FROM {image} is pinned by tag, not by digest',
  },
  claims: [{ about: 'base images pinned by digest', names: BASE_IMAGE_DIGEST_NAMES }],
  evaluate(dockerfile, ctx) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    for (const stage of dockerfile.stages) {
      const image = stage.imageRef;
      if (!image || stage.fromStage || stage.image.toLowerCase() === 'scratch' || hasUnresolvedVariable(stage.image)) continue;
      if (floatsOnLatest(image)) ctx.fail(stage.from.location, 'latestTag', { image: stage.image });
      else if (!isPinnedByDigest(image)) ctx.fail(stage.from.location, 'notPinned', { image: stage.image });
    }
  },
});
