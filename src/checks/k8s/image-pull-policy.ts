import { hasUnresolvedVariable, isPinnedByDigest, parseImageRef } from '../../targets/docker/image-ref.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const PULL_POLICIES = new Set(['Always', 'IfNotPresent', 'Never']);

export const imagePullPolicy = defineCheck({
  id: 'k8s/image-pull-policy',
  title: 'Containers set an image pull policy that cannot run a stale image',
  severity: 'low',
  target: 'k8s-container',
  why:
    'Left unset, the pull policy silently follows the tag (Always for :latest, IfNotPresent otherwise), so a tag change ' +
    'changes pull behaviour too. With IfNotPresent or Never and a mutable tag, each node runs whatever it cached under ' +
    'that tag: nodes disagree about what is deployed, a fixed image never arrives, and a pod can start from an image ' +
    'another pod pulled without presenting its own pull secret. A digest makes IfNotPresent safe; otherwise use Always.',
  fix: [
    'Pin the image by digest and say so explicitly:',
    '',
    '    image: ghcr.io/acme/api:1.4.2@sha256:<64 hex digits>',
    '    imagePullPolicy: IfNotPresent',
    '',
    'or, while the image is referenced by tag:',
    '',
    '    imagePullPolicy: Always',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 1.2.11 (AlwaysPullImages admission plugin: cached images are not shared without credentials)',
    'Kubernetes documentation, Images: image pull policy defaults',
    'Polaris pullPolicyNotAlways',
    'kube-score container-image-pull-policy',
  ],
  messages: {
    notSet: 'container "{container}" does not set imagePullPolicy',
    cachedMutableTag: 'container "{container}" pulls the mutable image "{image}" with imagePullPolicy: {policy}: each node runs whatever it cached',
    unknownPolicy: 'container "{container}" sets imagePullPolicy: {policy}, which is not Always, IfNotPresent or Never',
  },
  peers: [{ tool: 'polaris', rule: 'pullPolicyNotAlways' }],
  claims: [
    { about: 'imagePullPolicy set', names: ['imagePullPolicy', 'image pull policy', 'pull policy'], messages: ['notSet', 'unknownPolicy'] },
    {
      about: 'no stale cached images', risk: true,
      names: ['IfNotPresent', ['imagePullPolicy', 'Always'], ['pull policy', 'Always'], ['stale image*', 'node*'], ['cached image*', 'node*']],
      messages: ['cachedMutableTag'],
    },
  ],
  evaluate(container, ctx) {
    const policy = asString(container.spec.imagePullPolicy);
    const at = container.at('imagePullPolicy');
    if (policy === undefined) return ctx.fail(at, 'notSet', { container: container.name });
    if (!PULL_POLICIES.has(policy)) return ctx.fail(at, 'unknownPolicy', { container: container.name, policy });
    const written = asString(container.spec.image);
    const image = written === undefined ? undefined : parseImageRef(written);
    if (policy === 'Always' || !written || !image || hasUnresolvedVariable(written)) return;
    if (!isPinnedByDigest(image)) ctx.fail(at, 'cachedMutableTag', { container: container.name, image: image.raw, policy });
  },
});
