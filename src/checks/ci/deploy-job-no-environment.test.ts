import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { deployJobNoEnvironment } from './deploy-job-no-environment.js';

checkCases(deployJobNoEnvironment, {
  pass: [
    yaml`
      on:
        push:
          branches: [main]
      jobs:
        release:
          environment: production
          steps:
            - run: ./scripts/03-deploy.sh
        test:
          steps:
            - run: kubectl version --client && helm lint chart/
        deploy-docs:
          uses: acme/workflows/.github/workflows/pages.yml@0123456789abcdef0123456789abcdef01234567
        preview:
          environment:
            name: preview
            url: https://preview.example.com
          steps:
            - run: kubectl apply -f k8s/`,
    { name: 'odd shapes', input: 'on: push\njobs:\n  deploy:\n    steps: 5\n  prod: null\n' },
  ],
  fail: [
    {
      name: 'a rollout job running the deploy script, kubectl apply and helm upgrade elsewhere',
      input: yaml`
        name: deploy
        on: push
        jobs:
          rollout:
            needs: images
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Deploy
                run: ./scripts/03-deploy.sh --skip-build
          apply:
            steps:
              - run: |
                  kubectl apply -f deploy/
          chart:
            steps:
              - run: helm upgrade --install api chart/
          production:
            name: Ship to production
            steps:
              - run: make ship`,
      failures: [
        { messageId: 'noEnvironment', line: 4 },
        { messageId: 'noEnvironment', line: 11 },
        { messageId: 'noEnvironment', line: 15 },
        { messageId: 'noEnvironment', line: 18 },
      ],
    },
  ],
});
