import { DEPLOYED_IMAGE_UNLESS, IMAGE_DIGEST_NAMES } from '../../targets/docker/claims.js';
import { commandsOfLine, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const KUBECTL = new Set(['kubectl', 'oc']);

export const setImageByTag = defineCheck({
  id: 'repo/set-image-by-tag',
  title: 'Scripts roll out images by digest, not by tag',
  severity: 'medium',
  target: 'shell-script',
  why:
    '`kubectl set image deployment/api api=registry/api:$SHA` points the cluster at a tag, and a tag can be moved or ' +
    're-pushed: nodes that pull again (a reschedule, a new node, an evicted cache) may run different bits than the ' +
    'ones that were tested and signed, and the running Deployment no longer matches any committed manifest. A digest ' +
    '(@sha256:…) names exactly one image.',
  fix: [
    'Resolve the digest after the push and roll out by it (or commit the pinned manifest and apply that):',
    '',
    '    digest="$(docker buildx imagetools inspect "$REGISTRY/api:$SHA" --format \'{{json .Manifest}}\' | jq -r .digest)"',
    '    kubectl set image deployment/api api="$REGISTRY/api@$digest"',
  ].join('\n'),
  refs: [
    'NSA/CISA Kubernetes Hardening Guide: use immutable image references',
    'Kubernetes documentation, Images: image pull by digest',
    'SLSA: deploy what was built (artifact by digest)',
  ],
  messages: {
    byTag: 'kubectl set image rolls out {image} by tag, not by digest',
  },
  claims: [
    {
      about: 'rollouts by digest',
      names: [...IMAGE_DIGEST_NAMES, 'kubectl set image', ['rollout*', 'by tag'], ['rollout*', 'digest*'], ['deploy*', 'by digest']],
      unless: DEPLOYED_IMAGE_UNLESS,
    },
  ],
  evaluate(script, ctx) {
    if (!script.text.includes('set image') && !script.text.includes('set\timage')) return;
    for (const line of readShellScript(script.text).lines) {
      if (!line.text.includes('image')) continue;
      for (const command of commandsOfLine(line.text)) {
        const words = command.map((word) => word.text);
        const set = words.indexOf('set');
        if (set < 0 || words[set + 1] !== 'image' || !words.slice(0, set).some((word) => KUBECTL.has(word.slice(word.lastIndexOf('/') + 1)))) continue;
        for (const word of command.slice(set + 2)) {
          const assignment = /^([\w*.-]+)=(.+)$/.exec(word.text);
          if (!assignment || word.text.startsWith('-')) continue;
          const image = assignment[2]!;
          if (image.includes('@sha256:') || /@\$/.test(image)) continue;
          const { line: at, column } = line.positionAt(word.index);
          ctx.fail(script.at(at, column), 'byTag', { image });
        }
      }
    }
  },
});
