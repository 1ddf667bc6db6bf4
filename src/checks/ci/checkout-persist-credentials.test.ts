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
    { name: 'odd shapes', input: 'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n        with: [persist-credentials]\n      - run: git push\n' },
  ],
  fail: [
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
                  persist-credentials: true`,
      failures: [
        { messageId: 'persisted', line: 6 },
        { messageId: 'persisted', line: 11 },
      ],
    },
  ],
});
