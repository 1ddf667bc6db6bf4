import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { trustedPublishing } from './trusted-publishing.js';

checkCases(trustedPublishing, {
  pass: [
    {
      name: 'trusted publishing to PyPI and npm; GitHub Packages with the run token',
      input: yaml`
        on: release
        permissions: { id-token: write }
        jobs:
          pypi:
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
              - run: npm publish --provenance
          ghpr:
            steps:
              - uses: actions/setup-node@v4
                with: { registry-url: "https://npm.pkg.github.com" }
              - run: npm publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.PACKAGES_TOKEN }}" }
              - run: npm publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.GITHUB_TOKEN }}" }
          private-index:
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.INTERNAL_TOKEN }}
                  repository-url: https://pypi.internal.example/legacy/`,
    },
  ],
  fail: [
    {
      name: 'publish commands in a job that cannot use trusted publishing (no id-token: write)',
      input: yaml`
        on: push
        jobs:
          publish:
            permissions: { contents: read }
            steps:
              - run: python -m twine upload dist/*
              - run: bundle exec gem push foo-0.1.0.gem
              - run: |
                  nuget.exe \\
                    push foo.nupkg
              - run: bunx npm publish
              - run: bun publish --dry-run
          oidc:
            permissions: { id-token: write }
            steps:
              - run: pipx run twine==6.1.0 upload dist/*`,
      failures: [
        { messageId: 'noOidc', line: 6 },
        { messageId: 'noOidc', line: 7 },
        { messageId: 'noOidc', line: 8 },
        { messageId: 'noOidc', line: 11 },
      ],
    },
    {
      name: 'tokens for npm, PyPI (action and twine), crates.io and RubyGems',
      input: yaml`
        on:
          push:
            tags: ['v*']
        env:
          CARGO_REGISTRY_TOKEN: \${{ secrets.CRATES_IO }}
        jobs:
          publish:
            steps:
              - uses: actions/setup-node@v4
                with: { registry-url: "https://registry.npmjs.org" }
              - run: npm publish --access public
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.PYPI_API_TOKEN }}
              - run: twine upload dist/*
                env: { TWINE_USERNAME: __token__, TWINE_PASSWORD: "\${{ secrets.PYPI }}" }
              - run: cargo publish
              - run: gem push *.gem --key "\${{ secrets.RUBYGEMS_KEY }}"`,
      failures: [
        { messageId: 'token', line: 11 },
        { messageId: 'token', line: 14 },
        { messageId: 'token', line: 17 },
        { messageId: 'token', line: 19 },
        { messageId: 'token', line: 20 },
      ],
    },
  ],
});
