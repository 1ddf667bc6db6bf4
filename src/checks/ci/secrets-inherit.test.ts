import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { secretsInherit } from './secrets-inherit.js';

checkCases(secretsInherit, {
  pass: [
    yaml`
      on: push
      jobs:
        deploy:
          uses: acme/workflows/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567
          secrets:
            DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}
        local:
          uses: ./.github/workflows/test.yml`,
    { name: 'no reusable workflow called', input: 'on: push\njobs:\n  a:\n    steps: [{ run: make }]\n' },
  ],
  fail: [
    {
      name: 'secrets: inherit to another repository and to a local workflow',
      input: yaml`
        on: push
        jobs:
          deploy:
            uses: acme/workflows/.github/workflows/deploy.yml@v1
            secrets: inherit
          local:
            uses: ./.github/workflows/test.yml
            secrets: inherit
          self:
            uses: $/.github/workflows/build.yml
            secrets: inherit`,
      failures: [
        { messageId: 'inherit', line: 5 },
        { messageId: 'inheritLocal', line: 8 },
        { messageId: 'inheritLocal', line: 11 },
      ],
    },
  ],
});
