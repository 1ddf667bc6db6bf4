import { checkCases } from '../../testing/check-cases.js';
import { secretBuildArg } from './secret-build-arg.js';

checkCases(secretBuildArg, {
  pass: [
    {
      name: 'public build args and a BuildKit secret',
      input: [
        'docker build -f admin/Dockerfile --build-arg NEXT_PUBLIC_API_URL="$API_URL" \\',
        '  -t "$REGISTRY/admin:$SHA" .',
        'docker buildx build --secret id=sentry_token,env=SENTRY_AUTH_TOKEN --build-arg BINARY=worker api/',
        'echo "--build-arg NPM_TOKEN is not allowed"',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'a token passed as a build arg on a continued line',
      input: [
        'docker build -f web/Dockerfile --build-arg NEXT_PUBLIC_API_URL="$API_URL" \\',
        '  --build-arg SENTRY_AUTH_TOKEN="${SENTRY_AUTH_TOKEN:-}" \\',
        '  -t "$REGISTRY/web:$SHA" .',
        '',
      ].join('\n'),
      failures: [{ messageId: 'secretArg', line: 2, column: 15 }],
    },
    {
      name: 'the = form, podman, and buildctl --opt',
      input: [
        'podman build --build-arg=NPM_TOKEN=$NPM_TOKEN .',
        'buildctl build --frontend dockerfile.v0 --opt build-arg:GITHUB_TOKEN=$GH --local context=.',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'secretArg', line: 1 },
        { messageId: 'secretArg', line: 2 },
      ],
    },
  ],
});
