import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { latestImage } from './latest-image.js';

checkCases(latestImage, {
  pass: [
    yaml`
      services:
        postgres:
          image: postgres:16.6@sha256:1d233b49f5264dd6ec69f34976f6a58a8c974bc27358cbc90b2bfa966f00ee8e
        redis:
          image: redis:7.4.2-alpine
        api:
          build: ./api
          image: honeydue/api
        pinned:
          image: nginx@sha256:1d233b49f5264dd6ec69f34976f6a58a8c974bc27358cbc90b2bfa966f00ee8e
        templated:
          image: \${REGISTRY}/app:\${TAG:-latest}`,
    {
      name: 'the override names the image the base builds',
      input: {
        'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
        'docker-compose.override.yml': 'services:\n  api:\n    image: acme/api:latest\n',
      },
    },
    { name: 'odd shapes', input: 'services:\n  a:\n    image: [x]\n  b: {}\n  c: null\n' },
  ],
  fail: [
    {
      name: 'explicit latest and no tag, registry with a port',
      input: yaml`
        services:
          unleash:
            image: unleashorg/unleash-server:latest
            restart: unless-stopped
          vault:
            image: hashicorp/vault
          local:
            image: registry.local:5000/team/app`,
      failures: [
        { messageId: 'latestTag', line: 3 },
        { messageId: 'noTag', line: 6 },
        { messageId: 'noTag', line: 8 },
      ],
    },
    {
      name: 'latest by interpolation: a default, a value from the project .env',
      input: {
        '.env': 'REDIS_TAG=latest\n',
        'compose.yaml': 'services:\n  redis:\n    image: redis:${REDIS_TAG}\n  cache:\n    image: valkey/valkey:${VALKEY_TAG:-latest}\n',
      },
      failures: [
        { messageId: 'latestTag', line: 3, related: [{ at: '.env:1', message: 'REDIS_TAG is set here' }] },
        { messageId: 'latestTag', line: 5, related: [] },
      ],
    },
    {
      name: 'latest set by the production override, reported once at its line',
      input: {
        'docker-compose.yml': 'services:\n  api:\n    image: acme/api:1.4\n',
        'docker-compose.prod.yml': '# production\n\nservices:\n  api:\n    image: acme/api:latest\n',
      },
      failures: [{ messageId: 'latestTag', line: 5 }],
    },
  ],
});
