import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { composeImageDigest } from './image-digest.js';

checkCases(composeImageDigest, {
  pass: [
    yaml`
      services:
        postgres:
          image: postgres:16.6@sha256:1d233b49f5264dd6ec69f34976f6a58a8c974bc27358cbc90b2bfa966f00ee8e
        unleash:
          image: unleashorg/unleash-server:latest
        vault:
          image: hashicorp/vault
        api:
          build: ./api
          image: honeydue/api:dev
        templated:
          image: \${REGISTRY}/app:\${TAG}`,
    { name: 'odd shapes', input: 'services:\n  a:\n    image: [x]\n  b: {}\n' },
  ],
  fail: [
    {
      name: 'version tags, a malformed digest, a registry with a port',
      input: yaml`
        services:
          postgres:
            image: postgres:16
          redis:
            image: redis:7-alpine
          mailpit:
            image: axllent/mailpit:v1.21@sha256:abc
          local:
            image: registry.local:5000/team/app:1.2`,
      failures: [
        { messageId: 'notPinned', line: 3 },
        { messageId: 'notPinned', line: 5 },
        { messageId: 'notPinned', line: 7 },
        { messageId: 'notPinned', line: 9 },
      ],
    },
  ],
});
