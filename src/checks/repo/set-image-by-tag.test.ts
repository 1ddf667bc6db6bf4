import { checkCases } from '../../testing/check-cases.js';
import { setImageByTag } from './set-image-by-tag.js';

checkCases(setImageByTag, {
  pass: [
    {
      name: 'digests, and other set subcommands',
      input: [
        'kubectl set image deployment/api api="$REGISTRY/api@$digest"',
        'kubectl -n prod set image deploy/web web=ghcr.io/acme/web@sha256:2c84ebdb1846b39e3d3d9ffed4d59fc78fa1a878c969fa15fadaf347ba60a2b9',
        'kubectl set env deployment/api LOG_LEVEL=debug',
        '# kubectl set image deployment/api api=api:latest',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'set image by short-sha tag for every deployment',
      input: [
        'kubectl -n "$NS" set image deployment/api api="$REGISTRY/honeydue-api:$SHORT_SHA"',
        'kubectl -n "$NS" set image deployment/worker worker="$REGISTRY/honeydue-worker:$SHORT_SHA"',
        'oc set image dc/app app=quay.io/acme/app:1.4 sidecar=envoyproxy/envoy:v1.31 --record',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'byTag', line: 1, column: 43 },
        { messageId: 'byTag', line: 2, column: 46 },
        { messageId: 'byTag', line: 3, column: 21 },
        { messageId: 'byTag', line: 3, column: 46 },
      ],
    },
  ],
});
