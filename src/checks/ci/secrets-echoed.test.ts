import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { secretsEchoed } from './secrets-echoed.js';

checkCases(secretsEchoed, {
  pass: [
    {
      name: 'secrets through env to the tool, decoded into a file, piped to a login',
      input: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: npm run lint && npm run build
                env:
                  SENTRY_AUTH_TOKEN: \${{ secrets.SENTRY_AUTH_TOKEN }}
              - env:
                  KUBECONFIG_B64: \${{ secrets.KUBECONFIG_B64 }}
                run: |
                  umask 077
                  printf '%s' "$KUBECONFIG_B64" | base64 -d > ~/.kube/config
                  echo "\${{ secrets.KUBECONFIG_B64 }}" | base64 -d > ~/.kube/config2
                  echo "$REGISTRY_TOKEN" | docker login -u bot --password-stdin registry.example
                  test -n "$KUBECONFIG_B64" || { echo "KUBECONFIG_B64 is not set" >&2; exit 1; }
                  echo "deploying \${{ github.sha }}"
                  echo "::add-mask::$KUBECONFIG_B64"`,
    },
    {
      name: 'set -x and env without any secret around',
      input: yaml`
        on: push
        jobs:
          a:
            steps:
              - run: |
                  set -euxo pipefail
                  env
                  docker build --build-arg VERSION=\${{ github.sha }} .`,
    },
    { name: 'odd shapes', input: 'on: push\njobs:\n  a:\n    env: [1]\n    steps:\n      - run: 5\n      - env: "x"\n        run: echo hi\n' },
  ],
  fail: [
    {
      name: 'a secret through base64 into the log (inside a command substitution)',
      input: yaml`
        on: push
        jobs:
          frontends:
            steps:
              - name: Check the Sentry token made it
                run: |
                  echo "sentry token: $(echo '\${{ secrets.SENTRY_AUTH_TOKEN }}' | base64)"`,
      failures: [{ messageId: 'encoded', line: 7 }],
    },
    {
      name: 'plain echo, a pipe through rev, an env-bound secret, printenv, set -x',
      input: yaml`
        on: push
        env:
          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
        jobs:
          test:
            steps:
              - run: echo "deploying with \${{ secrets.DEPLOY_TOKEN }}"
              - run: |
                  echo "$DEPLOY_TOKEN" | rev
                  printf 'token=%s\\n' "\${DEPLOY_TOKEN}"
                  printenv
                  set -x
                  ./deploy.sh`,
      failures: [
        { messageId: 'echoed', line: 7 },
        { messageId: 'encoded', line: 9 },
        { messageId: 'echoed', line: 10 },
        { messageId: 'envDump', line: 11 },
        { messageId: 'xtrace', line: 12 },
      ],
    },
    {
      name: 'a secret as a docker build argument, on a continuation line',
      input: yaml`
        on: push
        jobs:
          images:
            steps:
              - name: Build and push
                env:
                  SENTRY_AUTH_TOKEN: \${{ secrets.SENTRY_AUTH_TOKEN }}
                run: |
                  TAG=$(git rev-parse --short HEAD)
                  docker build -f web/Dockerfile --build-arg NEXT_PUBLIC_API_URL=https://api.example \\
                    --build-arg SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN -t web:$TAG .`,
      failures: [{ messageId: 'buildArg', line: 11 }],
    },
  ],
});
