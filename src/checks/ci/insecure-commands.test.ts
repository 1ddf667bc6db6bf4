import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { insecureCommands } from './insecure-commands.js';

checkCases(insecureCommands, {
  pass: [
    yaml`
      on: push
      env:
        ACTIONS_ALLOW_UNSECURE_COMMANDS: false
      jobs:
        a:
          steps:
            - run: echo "PATH_EXTRA=/opt/bin" >> "$GITHUB_ENV"`,
  ],
  fail: [
    {
      name: 'in a job, in a step, in a matrix and through GITHUB_ENV',
      input: yaml`
        on: pull_request
        jobs:
          dangerous:
            env:
              ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            steps:
              - run: echo hi
                env: { ACTIONS_ALLOW_UNSECURE_COMMANDS: "TRUE" }
          env-via-matrix:
            strategy:
              matrix:
                env:
                  - ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            steps:
              - run: echo "ACTIONS_ALLOW_UNSECURE_COMMANDS=true" >> $GITHUB_ENV
              - run: echo hi
                env: \${{ matrix.env }}`,
      failures: [
        { messageId: 'enabled', line: 5 },
        { messageId: 'enabled', line: 8 },
        { messageId: 'enabled', line: 11 },
        { messageId: 'enabled', line: 15 },
      ],
    },
  ],
});
