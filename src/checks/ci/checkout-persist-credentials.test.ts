import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { checkoutPersistCredentials } from './checkout-persist-credentials.js';

checkCases(checkoutPersistCredentials, {
  pass: [
    yaml`
      on: push
      jobs:
        test:
          steps:
            - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
              with:
                persist-credentials: false
            - run: make test
        release:
          steps:
            - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5
            - run: |
                git commit -am "release"
                git push origin HEAD:main
        docs:
          steps:
            - uses: actions/checkout@v4
              with: { persist-credentials: "false" }
            - uses: actions/setup-node@v4`,
    {
      name: 'persist-credentials: true written in a release job that pushes from a script',
      input: yaml`
        on:
          workflow_dispatch:
        jobs:
          prepare:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
                with:
                  persist-credentials: true
                  fetch-depth: 0
              - run: node extra/release/prepare-release.mjs --setup-branch
              - uses: actions/upload-artifact@v4
                with: { path: dist/ }`,
    },
    { name: 'odd shapes', input: 'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n        with: [persist-credentials]\n      - run: git push\n' },
  ],
  fail: [
    {
      name: 'persist-credentials: true, then the whole workspace uploaded as an artifact',
      input: yaml`
        on: push
        jobs:
          build:
            steps:
              - uses: actions/checkout@v4
                with:
                  persist-credentials: true
              - run: make
              - name: Upload everything
                uses: actions/upload-artifact@v4
                with:
                  path: \${{ github.workspace }}`,
      failures: [{ messageId: 'uploaded', line: 7 }],
    },
    {
      name: 'default checkouts in jobs that never push',
      input: yaml`
        name: ci
        on: push
        jobs:
          api:
            steps:
              - uses: actions/checkout@v4
              - run: go test ./...
          web:
            steps:
              - run: git push --dry-run
              - uses: actions/checkout@v4
                with:
                  persist-credentials: \${{ inputs.persist }}`,
      failures: [
        { messageId: 'persisted', line: 6 },
        { messageId: 'persisted', line: 11 },
      ],
    },
  ],
});
