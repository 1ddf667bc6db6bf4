import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { githubEnv } from './github-env.js';

checkCases(githubEnv, {
  pass: [
    {
      name: 'literal values in a privileged workflow',
      input: yaml`
        on: pull_request_target
        jobs:
          repro:
            steps:
              - run: |
                  printf "BUNDLE_WITH=avo\\nRAILS_GROUPS=avo\\n" >> "$GITHUB_ENV"
                  echo "SHA=\${{ github.event.pull_request.head.sha }}" >> "$GITHUB_ENV"
                  echo "$HOME/.local/bin" >> $GITHUB_PATH`,
    },
    {
      name: 'untrusted data written under an unprivileged trigger',
      input: yaml`
        on: pull_request
        jobs:
          a:
            steps:
              - run: echo "TITLE=\${{ github.event.pull_request.title }}" >> $GITHUB_ENV`,
    },
  ],
  fail: [
    {
      name: 'a title through env and a shell variable, a branch name straight in, an artifact in workflow_run',
      input: {
        '.github/workflows/ci.yml': yaml`
          on:
            pull_request_target:
          jobs:
            vulnerable:
              steps:
                - name: Passes the title around
                  env:
                    TITLE: \${{ github.event.pull_request.title }}
                  run: |
                    message=$(echo "$TITLE" | grep -oP '[{\\[][^}\\]]+[}\\]]')
                    echo "message=$message" >> $GITHUB_ENV
                - run: echo "\${{ github.head_ref }}" | tee -a "$GITHUB_PATH"
                - run: |
                    number=$(jq -r .pull_request.number "$GITHUB_EVENT_PATH")
                    echo "PR=$number" >> "$GITHUB_ENV"
                    branch=$(jq -r '.pull_request.head.ref' "$GITHUB_EVENT_PATH")
                    echo "BRANCH=$branch" >> "$GITHUB_ENV"`,
        '.github/workflows/after.yml': yaml`
          on:
            workflow_run:
              workflows: [ci]
          jobs:
            comment:
              steps:
                - uses: actions/download-artifact@v4
                - run: cat pr/env.txt >> "$GITHUB_ENV"`,
      },
      failures: [
        { messageId: 'artifact', line: 8 },
        { messageId: 'untrusted', line: 11 },
        { messageId: 'untrusted', line: 12 },
        { messageId: 'untrusted', line: 17 },
      ],
    },
  ],
});
