import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { expressionInjection } from './expression-injection.js';

checkCases(expressionInjection, {
  pass: [
    {
      name: 'untrusted values passed through env, trusted contexts in the script',
      input: yaml`
        on: pull_request_target
        jobs:
          greet:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5
                with:
                  ref: \${{ github.event.pull_request.head.sha }}
              - env:
                  TITLE: \${{ github.event.pull_request.title }}
                run: |
                  echo "Building $TITLE for \${{ github.repository }} at \${{ github.sha }}"
                  echo "\${{ matrix.app }} \${{ steps.meta.outputs.tags }} \${{ secrets.TOKEN != '' }}"
              - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea
                with:
                  script: console.log(context.payload.pull_request.title)`,
    },
    {
      name: 'odd shapes: run not a string, no steps',
      input: yaml`
        on: issues
        jobs:
          a:
            steps:
              - run: [1, 2]
              - run: 42
          b: {}`,
    },
  ],
  fail: [
    {
      name: 'a single-line run with two untrusted fields in one expression',
      input: yaml`
        name: deploy
        on: [push, pull_request_target]
        jobs:
          images:
            steps:
              - name: Announce
                run: echo "Building \${{ github.event.pull_request.title || github.event.head_commit.message }}"`,
      failures: [{ messageId: 'untrusted', line: 7 }],
    },
    {
      name: 'inside a block scalar: the exact line of each expression',
      input: yaml`
        on:
          issue_comment:
        jobs:
          triage:
            steps:
              - run: |
                  set -eu

                  echo "\${{ github.event.comment.body }}" > body.txt
                  git checkout -b "\${{ github.head_ref }}"
                  echo \${{ github.event.commits[0].message }}
                  echo '\${{ toJSON(github.event.pull_request) }}' | jq .number
                  echo "\${{ github.event.pull_request.number }} \${{ github.event.issue.user.id }}"`,
      failures: [
        { messageId: 'untrusted', line: 9 },
        { messageId: 'untrusted', line: 10 },
        { messageId: 'untrusted', line: 11 },
        { messageId: 'untrusted', line: 12 },
      ],
    },
    {
      name: 'workflow_dispatch inputs in a script, and github-script',
      input: yaml`
        on:
          workflow_dispatch:
            inputs:
              tag: { required: true }
        jobs:
          release:
            steps:
              - run: ./release.sh \${{ inputs.tag }} \${{ github.event.inputs.notes }}
              - uses: actions/github-script@v7
                with:
                  script: |
                    const title = "\${{ github.event.issue.title }}";`,
      failures: [
        { messageId: 'input', line: 8, column: 27 },
        { messageId: 'input', line: 8, column: 45 },
        { messageId: 'untrusted', line: 12, column: 28 },
      ],
    },
    {
      name: 'a release workflow dispatched by hand: low, at the column of the expression in the block',
      input: yaml`
        on:
          workflow_dispatch:
            inputs:
              version: { required: true, type: string }
              dry_run: { type: boolean }
              level: { type: choice, options: [patch, minor] }
        jobs:
          build-and-release:
            steps:
              - name: Validate Version Format
                run: |
                  if [[ ! "\${{ inputs.version }}" =~ ^v[0-9]+$ ]]; then
                    exit 1
                  fi
                  ./release.sh --dry-run=\${{ inputs.dry_run }} \${{ github.event.inputs.level }}`,
      failures: [{ messageId: 'input', line: 12, column: 20 }],
    },
    {
      name: 'a reusable workflow: its inputs come from the caller',
      input: yaml`
        on:
          workflow_call:
            inputs:
              title: { type: string }
        jobs:
          comment:
            steps:
              - run: echo "\${{ inputs.title }}"`,
      failures: [{ messageId: 'callerInput', line: 8, column: 20 }],
    },
    {
      name: 'event data carried by a step output, a job output, GITHUB_ENV and a matrix',
      input: yaml`
        on: pull_request_target
        jobs:
          meta:
            outputs:
              branch: \${{ steps.info.outputs.branch }}
              sha: \${{ steps.info.outputs.sha }}
            steps:
              - id: info
                env:
                  HEAD: \${{ github.head_ref }}
                run: |
                  echo "branch=$HEAD" >> "$GITHUB_OUTPUT"
                  echo "sha=\${{ github.sha }}" >> "$GITHUB_OUTPUT"
                  echo "TITLE=\${{ github.event.pull_request.title }}" >> $GITHUB_ENV
              - run: |
                  echo "\${{ steps.info.outputs.sha }}"
                  echo "\${{ env.TITLE }}"
              - id: script
                uses: actions/github-script@v7
                with:
                  script: core.setOutput('body', context.payload.pull_request.body)
              - run: echo "\${{ steps.script.outputs.body }}"
          use:
            needs: meta
            strategy:
              matrix:
                os: [ubuntu-latest]
                include:
                  - branch: \${{ github.head_ref }}
            steps:
              - run: git push origin "\${{ needs.meta.outputs.branch }}" "\${{ needs.meta.outputs.sha }}"
              - run: echo \${{ matrix.branch }} \${{ matrix.os }}`,
      failures: [
        { messageId: 'untrusted', line: 14, column: 23 },
        { messageId: 'untrusted', line: 17, column: 17 },
        { messageId: 'untrusted', line: 22, column: 20 },
        { messageId: 'untrusted', line: 31, column: 31 },
        { messageId: 'untrusted', line: 32, column: 19 },
      ],
    },
    {
      name: 'a step output read from the event payload file with jq',
      input: yaml`
        on: issues
        jobs:
          triage:
            steps:
              - id: issue
                run: |
                  echo "number=$(jq -r .issue.number "$GITHUB_EVENT_PATH")" >> "$GITHUB_OUTPUT"
                  echo "title=$(jq -r .issue.title "$GITHUB_EVENT_PATH")" >> "$GITHUB_OUTPUT"
              - run: gh issue edit \${{ steps.issue.outputs.number }} --title "[triaged] \${{ steps.issue.outputs.title }}"`,
      failures: [{ messageId: 'untrusted', line: 9, column: 81 }],
    },
    {
      name: 'actions that run an input as code',
      input: yaml`
        on: issue_comment
        jobs:
          run:
            steps:
              - uses: appleboy/ssh-action@v1
                with:
                  script: deploy "\${{ github.event.comment.body }}"
              - uses: azure/cli@v2
                with:
                  inlineScript: az group create -n "\${{ github.event.issue.title }}"
              - uses: actions/cache@v4
                with:
                  key: \${{ github.event.issue.title }}`,
      failures: [
        { messageId: 'untrusted', line: 7, column: 27 },
        { messageId: 'untrusted', line: 10, column: 45 },
      ],
    },
    {
      name: 'an env var bound to an untrusted field, interpolated with env.NAME',
      input: yaml`
        on: pull_request_target
        env:
          TITLE: \${{ github.event.pull_request.title }}
        jobs:
          greet:
            env:
              SAFE: \${{ github.sha }}
            steps:
              - env:
                  BRANCH: \${{ github.head_ref }}
                run: |
                  echo "$TITLE on $BRANCH"
                  echo "\${{ env.TITLE }} \${{ env.SAFE }}"
                  git push origin "\${{ env.BRANCH }}"`,
      failures: [
        { messageId: 'untrusted', line: 13 },
        { messageId: 'untrusted', line: 14 },
      ],
    },
  ],
});
