import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { unpinnedImage } from './unpinned-image.js';

const DIGEST = 'sha256:3da188378f61a13812e2ec8d090cfdbcad3033836da70574957988aaf8e9c1e8';

checkCases(unpinnedImage, {
  pass: [
    yaml`
      on: push
      jobs:
        test:
          runs-on: ubuntu-24.04
          container:
            image: node:22-bookworm@${DIGEST}
          services:
            postgres:
              image: postgres@${DIGEST}
              env: { POSTGRES_PASSWORD: postgres }
          steps:
            - run: npm test`,
    {
      name: 'an image from an expression harden cannot read, and no container at all',
      input: yaml`
        on: push
        jobs:
          a:
            container: \${{ inputs.image }}
            steps: [{ run: make }]
          b:
            steps: [{ run: make }]
          c:
            services:
              db: { ports: [5432] }`,
    },
  ],
  fail: [
    {
      name: 'untagged, latest and tagged images in container: and services:',
      input: yaml`
        on: push
        jobs:
          build:
            container: golang:1.23
            services:
              redis:
                image: redis
              mysql:
                image: mysql:latest
          e2e:
            container:
              image: ghcr.io/acme/e2e:v2
            steps: [{ run: make e2e }]`,
      failures: [
        { messageId: 'tagged', line: 4 },
        { messageId: 'floating', line: 7 },
        { messageId: 'floating', line: 9 },
        { messageId: 'tagged', line: 12 },
      ],
    },
    {
      name: 'a matrix of images: each value read',
      input: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                image: ['node:20@${DIGEST}', 'node:22']
            container:
              image: \${{ matrix.image }}
            steps: [{ run: npm test }]
          urllib3:
            strategy:
              matrix:
                container: ['']
                include:
                  - container: python:3.13-bullseye
                  - container: python
                  - os: ubuntu-24.04
            container: \${{ matrix.container }}`,
      failures: [
        { messageId: 'tagged', line: 8 },
        { messageId: 'floating', line: 18 },
        { messageId: 'tagged', line: 18 },
      ],
    },
  ],
});
