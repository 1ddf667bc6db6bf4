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
            permissions: read-all
            steps: [{ run: make test }]
          lint:
            permissions: {}
            steps: [{ run: make lint }]`,
    },
    { name: 'no jobs: not a workflow this check can judge', input: 'name: x\non: push\n' },
    { name: 'a reusable workflow: the caller grants the token', input: 'on:\n  workflow_call:\njobs:\n  build:\n    steps: [{ run: make }]\n' },
    { name: 'jobs of the wrong shape', input: 'on: push\npermissions: read-all\njobs: [1, 2]\n' },
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
      name: 'write scopes at the top apply to every job',
      input: yaml`
        on: push
        permissions:
          contents: write
          packages: write
          pull-requests: read
        jobs:
          a:
            steps: []`,
      failures: [
        { messageId: 'workflowWrite', line: 3 },
        { messageId: 'workflowWrite', line: 4 },
      ],
    },
  ],
});
