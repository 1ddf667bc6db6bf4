import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { permissions } from './permissions.js';

checkCases(permissions, {
  pass: [
    yaml`
      name: deploy
      on:
        push:
          branches: [main]
      permissions:
        contents: read
      jobs:
        release:
          runs-on: ubuntu-24.04
          permissions:
            contents: write
            id-token: write
          steps:
            - run: ./release.sh`,
    {
      name: 'no top-level block, but every job sets its own',
      input: yaml`
        on: push
        jobs:
          test:
            permissions: { contents: read }
            steps: [{ run: make test }]
          lint:
            permissions: {}
            steps: [{ run: make lint }]`,
    },
    { name: 'no jobs: not a workflow this check can judge', input: 'name: x\non: push\n' },
    { name: 'jobs of the wrong shape', input: 'on: push\npermissions: read-all\njobs: [1, 2]\n' },
    {
      name: 'a single-job release workflow: its top-level writes are the job\'s own',
      input: yaml`
        on:
          workflow_dispatch:
        permissions:
          contents: write
          pull-requests: write
          id-token: write # required for Google Workload Identity Federation OIDC
        jobs:
          build-and-release:
            runs-on: ubuntu-22.04
            steps:
              - run: ./release.sh`,
    },
    {
      name: 'top-level writes that only one job inherits, the others setting their own',
      input: yaml`
        on: pull_request_target
        permissions:
          pull-requests: write
        jobs:
          label:
            steps: [{ uses: actions/labeler@v5 }]
          check:
            permissions: { contents: read }
            steps: [{ run: make check }]`,
    },
    {
      name: 'a reusable workflow without a block: the caller\'s grant applies',
      input: 'on:\n  workflow_call:\njobs:\n  a:\n    steps: [{ run: make }]\n  b:\n    steps: [{ run: make }]\n',
    },
  ],
  fail: [
    {
      name: 'no permissions anywhere: reported at on:',
      input: yaml`
        name: ci

        on:
          push:
        jobs:
          api:
            runs-on: ubuntu-latest
            steps: [{ run: go test ./... }]
          web:
            runs-on: ubuntu-latest
            steps: [{ run: npm test }]`,
      failures: [{ messageId: 'missing', line: 3 }],
    },
    {
      name: 'only one job sets permissions',
      input: yaml`
        name: ci
        jobs:
          api:
            permissions: { contents: read }
          web:
            runs-on: ubuntu-latest`,
      failures: [{ messageId: 'missing', line: 1 }],
    },
    {
      name: 'write-all at the top, and in a job',
      input: yaml`
        on: push
        permissions: write-all
        jobs:
          a:
            permissions: write-all
            steps: []`,
      failures: [
        { messageId: 'writeAll', line: 2 },
        { messageId: 'writeAll', line: 5 },
      ],
    },
    {
      name: 'write scopes at the top reach two jobs: one finding for the workflow',
      input: yaml`
        on: push
        permissions:
          pull-requests: read
          contents: write
          packages: write
        jobs:
          a:
            steps: []
          b:
            steps: []`,
      failures: [{ messageId: 'workflowWrite', line: 4 }],
    },
    {
      name: 'read-all at the top and in a job; write-all in a reusable workflow',
      input: {
        '.github/workflows/ci.yml': 'on: push\npermissions: read-all\njobs:\n  a:\n    permissions: read-all\n    steps: []\n',
        '.github/workflows/reusable.yml': 'on:\n  workflow_call:\npermissions: write-all\njobs:\n  a:\n    steps: []\n',
      },
      failures: [
        { messageId: 'readAll', line: 2 },
        { messageId: 'readAll', line: 5 },
        { messageId: 'writeAll', line: 3 },
      ],
    },
  ],
});
