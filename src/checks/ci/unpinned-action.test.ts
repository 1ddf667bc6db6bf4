import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { unpinnedAction } from './unpinned-action.js';

checkCases(unpinnedAction, {
  pass: [
    yaml`
      name: ci
      on: push
      permissions: { contents: read }
      jobs:
        test:
          runs-on: ubuntu-24.04
          steps:
            - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
            - uses: ./.github/actions/setup
            - uses: docker://alpine:3.21@sha256:3da188378f61a13812e2ec8d090cfdbcad3033836da70574957988aaf8e9c1e8
            - uses: docker://ghcr.io/acme/tool@sha256:3da188378f61a13812e2ec8d090cfdbcad3033836da70574957988aaf8e9c1e8
            - uses: $/some-action
            - run: make test
        reusable:
          uses: $/.github/workflows/reuse.yml`,
    {
      name: 'a reusable workflow pinned by SHA, and a trusted owner on a tag',
      input: yaml`
        on: push
        jobs:
          call:
            uses: acme/workflows/.github/workflows/build.yml@0123456789abcdef0123456789abcdef01234567
          own:
            runs-on: ubuntu-latest
            steps:
              - uses: acme/setup-tool@v2`,
      options: { trustedOwners: ['Acme'] },
    },
    {
      name: 'odd shapes: steps not a list, a step that is a string, uses not a string',
      input: yaml`
        on: push
        jobs:
          a:
            steps: "nope"
          b:
            steps:
              - "just text"
              - uses: [1, 2]
              - null
          c: 7`,
    },
    { name: 'not a workflow', input: 'just: data\n' },
  ],
  fail: [
    {
      name: 'tags, a branch, a short SHA and a reusable workflow on a tag',
      input: yaml`
        name: ci
        on: [push, pull_request]
        jobs:
          api:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Go
                uses: actions/setup-go@v5.0.1
              - uses: aquasecurity/trivy-action@master
              - uses: golangci/golangci-lint-action@55c2c14
          shared:
            uses: acme/workflows/.github/workflows/build.yml@main`,
      failures: [
        { messageId: 'notPinned', line: 7 },
        { messageId: 'notPinned', line: 9 },
        { messageId: 'notPinned', line: 10 },
        { messageId: 'notPinned', line: 11 },
        { messageId: 'notPinned', line: 13 },
      ],
    },
    {
      name: 'no ref at all, and a docker action by tag',
      input: yaml`
        on: push
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout
              - uses: docker://hadolint/hadolint:latest`,
      failures: [
        { messageId: 'noRef', line: 6 },
        { messageId: 'dockerNotPinned', line: 7 },
      ],
    },
  ],
});

describe('ci/unpinned-action fingerprints', () => {
  it('tells apart the same action used by two steps', async () => {
    const results = await runCheckOn(
      unpinnedAction,
      yaml`
        on: push
        jobs:
          a:
            steps:
              - uses: actions/checkout@v4
          b:
            steps:
              - uses: actions/checkout@v4`,
    );
    const fingerprints = results.filter((result) => result.status === 'fail').map((result) => result.fingerprint);
    expect(fingerprints).toHaveLength(2);
    expect(new Set(fingerprints).size).toBe(2);
  });
});
