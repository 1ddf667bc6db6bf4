import { checkCases } from '../../testing/check-cases.js';
import { dockerPushLatest } from './docker-push-latest.js';

checkCases(dockerPushLatest, {
  pass: [
    {
      name: 'push by commit sha only; the comment mentions :latest',
      input: [
        '# Images are pushed under the commit sha only (no :latest)',
        'docker buildx build --push -t "$REGISTRY/api:$SHA" api/',
        'docker push "$REGISTRY/api:$SHA"',
        '',
      ].join('\n'),
    },
    {
      name: ':latest built or pulled locally but never pushed',
      input: [
        'docker build -t app:latest .',
        'docker run --rm app:latest make test',
        'docker pull redis:latest',
        'docker tag app:latest "$REGISTRY/app:$SHA" && docker push "$REGISTRY/app:$SHA"',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'every build also tags :latest and a loop pushes it',
      input: [
        '#!/usr/bin/env bash',
        'docker build -t "$REGISTRY/honeydue-api:$SHORT_SHA" -t "$REGISTRY/honeydue-api:latest" api/',
        'docker build --build-arg BINARY=worker \\',
        '  -t "$REGISTRY/honeydue-worker:$SHORT_SHA" -t "$REGISTRY/honeydue-worker:latest" api/',
        'for img in honeydue-api honeydue-worker; do',
        '  docker push "$REGISTRY/$img:$SHORT_SHA"',
        '  docker push "$REGISTRY/$img:latest"',
        'done',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'tagsLatest', line: 2, column: 56 },
        { messageId: 'tagsLatest', line: 4, column: 48 },
      ],
    },
    {
      name: 'docker tag to :latest, then push: reported at the tag',
      input: [
        'SHA=$(git rev-parse --short HEAD)',
        'docker push gitea.example.com/admin/honeydue-api:$SHA',
        'docker tag gitea.example.com/admin/honeydue-api:$SHA gitea.example.com/admin/honeydue-api:latest',
        'docker push gitea.example.com/admin/honeydue-api:latest',
        '',
      ].join('\n'),
      failures: [{ messageId: 'tagsLatest', line: 3, column: 54 }],
    },
    {
      name: 'buildx tags and pushes in one command',
      input: ['docker buildx build --push --tag=ghcr.io/acme/web:latest web/', '', ''].join('\n'),
      failures: [{ messageId: 'tagsLatest', line: 1, column: 34 }],
    },
    {
      name: 'pushing a :latest tagged elsewhere',
      input: 'sudo podman push quay.io/acme/api:latest\n',
      failures: [{ messageId: 'pushesLatest', line: 1 }],
    },
  ],
});
