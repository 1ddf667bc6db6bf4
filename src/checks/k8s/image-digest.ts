import { DEPLOYED_IMAGE_UNLESS, IMAGE_DIGEST_NAMES, LATEST_TAG_NAMES } from '../../targets/docker/claims.js';
import { floatsOnLatest, hasUnresolvedVariable, isPinnedByDigest, parseImageRef } from '../../targets/docker/image-ref.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * One severity per check: medium sits between `:latest` (high in most scanners) and a
 * version tag without a digest (low); the message id tells the two apart.
 */
/** The OCI image spec's registered algorithms take lowercase hex only; container runtimes reject `sha256:ABC…`. */

export const imageDigest = defineCheck({
  id: 'k8s/image-digest',
  title: 'Container images are pinned by digest',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'A tag is a movable pointer: whoever can push to the repository (or compromise it) changes what runs, and two ' +
    'nodes can run different code under the same manifest. `:latest` or no tag at all is the worst case, it moves on ' +
    'every push. A digest (@sha256:...) names exactly one image, so what was reviewed and scanned is what runs, and a ' +
    'rollback really goes back.',
  fix: [
    'Reference the image by digest, keeping the tag for people to read:',
    '',
    '    image: ghcr.io/acme/api:1.4.2@sha256:<64 hex digits>',
    '',
    'Get the digest with `docker buildx imagetools inspect ghcr.io/acme/api:1.4.2` (or from your build output), and let',
    'the release pipeline or Renovate/Dependabot write it into the manifest.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Configuration Best Practices and Images: avoid :latest, pin a digest for a fixed version',
    'Polaris tagNotSpecified',
    'kube-score container-image-tag',
    'kube-linter latest-tag',
    'OpenSSF Scorecard Pinned-Dependencies',
  ],
  messages: {
    latestTag: 'container "{container}" runs image "{image}" by :latest (or no tag), which moves on every push',
    notPinned: 'container "{container}" runs image "{image}" by tag, not pinned by digest',
    malformedDigest: 'container "{container}" names image "{image}" with a malformed digest (sha256: and 64 lowercase hex digits): the image reference is invalid, nothing is pinned',
  },
  peers: [{ tool: 'polaris', rule: 'tagNotSpecified', messages: ['latestTag'] }],
  claims: [
    { about: 'images pinned by digest', names: IMAGE_DIGEST_NAMES, unless: DEPLOYED_IMAGE_UNLESS },
    { about: 'no :latest images', risk: true, names: LATEST_TAG_NAMES, unless: DEPLOYED_IMAGE_UNLESS, messages: ['latestTag'] },
  ],
  evaluate(container, ctx) {
    const written = asString(container.spec.image);
    const image = written === undefined ? undefined : parseImageRef(written);
    if (!written || !image || hasUnresolvedVariable(written)) return ctx.notApplicable();
    const data = { container: container.name, image: image.raw };
    if (floatsOnLatest(image)) ctx.fail(container.at('image'), 'latestTag', data);
    else if (image.digest !== undefined && !isPinnedByDigest(image)) ctx.fail(container.at('image'), 'malformedDigest', data);
    else if (!isPinnedByDigest(image)) ctx.fail(container.at('image'), 'notPinned', data);
  },
});
