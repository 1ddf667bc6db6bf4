import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { cachePoisoning } from './cache-poisoning.js';

checkCases(cachePoisoning, {
  pass: [
    {
      name: 'a test workflow caches; a release workflow turns caching off',
      input: {
        '.github/workflows/test.yml': yaml`
          on:
            push:
              branches: [main, release/*]
            pull_request:
          jobs:
            test:
              steps:
                - uses: actions/setup-go@v5
                - uses: actions/cache@v4
                  with: { path: ~/.cache, key: x }`,
        '.github/workflows/release.yml': yaml`
          on:
            push:
              tags: ['v*']
          jobs:
            release:
              steps:
                - uses: actions/setup-go@v5
                  with: { go-version-file: go.mod, cache: false }
                - uses: actions/setup-node@v4
                  with: { node-version: 22 }
                - uses: actions/cache@v4
                  with: { lookup-only: true, path: x, key: y }
                - uses: goreleaser/goreleaser-action@v6`,
        '.github/workflows/wheels.yml': yaml`
          on:
            push:
              tags: ['*']
            release:
          jobs:
            wheels:
              steps:
                - uses: PyO3/maturin-action@v1
                  with:
                    sccache: \${{ !startsWith(github.ref, 'refs/tags/') }}`,
      },
    },
  ],
  fail: [
    {
      name: 'a tag-triggered release with caching on by default and opted in',
      input: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          release:
            steps:
              - uses: actions/setup-go@v5
                with: { go-version: 1.23 }
              - uses: actions/setup-node@v4
                with: { cache: npm }
              - uses: actions/setup-node@395ad3262231945c25e8478fd5baf05154b1d79f # v6.1.0
              - uses: actions/setup-node@v6
                with: { package-manager-cache: false }
              - uses: astral-sh/setup-uv@v6
                with: { enable-cache: "\${{ github.ref == 'refs/heads/main' }}" }
              - uses: ramsey/composer-install@3.1.1
                with: { ignore-cache: "yes" }
              - uses: actions/setup-go@v3
              - run: make release`,
      failures: [
        { messageId: 'cached', line: 7 },
        { messageId: 'cached', line: 9 },
        { messageId: 'cached', line: 11 },
        { messageId: 'cached', line: 14 },
      ],
    },
    {
      name: 'a push-triggered job that publishes: only that job',
      input: yaml`
        on:
          push:
            branches: [main]
        jobs:
          test:
            steps:
              - uses: actions/cache@v4
          publish:
            steps:
              - uses: Swatinem/rust-cache@v2
              - run: cargo publish
          image:
            steps:
              - uses: actions/setup-python@v5
                with: { cache: pip }
              - uses: docker/build-push-action@v6
                with: { push: true, tags: ghcr.io/acme/app:latest }`,
      failures: [
        { messageId: 'cached', line: 10 },
        { messageId: 'cached', line: 14 },
      ],
    },
  ],
});
