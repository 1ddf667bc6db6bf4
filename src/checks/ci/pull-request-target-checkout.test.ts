import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { pullRequestTargetCheckout } from './pull-request-target-checkout.js';

checkCases(pullRequestTargetCheckout, {
  pass: [
    {
      name: 'pull_request_target that only labels, checking out the base',
      input: yaml`
        # pull_request_target: mentioned in a comment only
        on:
          pull_request_target:
            types: [opened]
        jobs:
          label:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5
              - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9`,
    },
    {
      name: 'pull_request may check out its head: no secrets there',
      input: yaml`
        on: pull_request
        jobs:
          test:
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: \${{ github.event.pull_request.head.sha }}`,
    },
    {
      name: 'odd shapes',
      input: yaml`
        on: [pull_request_target, 7]
        jobs:
          a:
            steps:
              - uses: actions/checkout@v4
                with: "ref"
              - run: [git, fetch]`,
    },
  ],
  fail: [
    {
      name: 'the pwn request: checkout of the PR head sha (or the push sha)',
      input: yaml`
        name: deploy
        on:
          push:
            branches: [main]
          pull_request_target:
            types: [labeled, synchronize]
        jobs:
          images:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: \${{ github.event.pull_request.head.sha || github.sha }}
              - run: make images`,
      failures: [{ messageId: 'checkoutHead', line: 13, related: [{ at: '.github/workflows/ci.yml:5', message: 'the pull_request_target trigger' }] }],
    },
    {
      name: 'list form, checkout of github.head_ref',
      input: yaml`
        name: ci
        on: [push, pull_request_target]
        jobs:
          test:
            steps:
              - uses: actions/checkout@v4
                with: { ref: "\${{ github.head_ref }}" }`,
      failures: [{ messageId: 'checkoutHead', line: 7 }],
    },
    {
      name: 'workflow_run with gh pr checkout in a script',
      input: yaml`
        on:
          workflow_run:
            workflows: [ci]
        jobs:
          comment:
            steps:
              - run: |
                  gh pr checkout \${{ github.event.workflow_run.pull_requests[0].number }}
                  npm ci`,
      failures: [{ messageId: 'checkoutHead', line: 7 }],
    },
    {
      name: 'a comment-triggered build of the pull request',
      input: yaml`
        on:
          issue_comment:
            types: [created]
        jobs:
          ok-to-test:
            if: contains(github.event.comment.body, '/ok-to-test')
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: refs/pull/\${{ github.event.issue.number }}/head`,
      failures: [{ messageId: 'checkoutHead', line: 10 }],
    },
    {
      name: 'string form trigger',
      input: yaml`
        on: pull_request_target
        jobs:
          build:
            steps:
              - run: git fetch origin pull/\${{ github.event.number }}/head:pr && git checkout pr`,
      failures: [{ messageId: 'checkoutHead', line: 5 }],
    },
  ],
});
