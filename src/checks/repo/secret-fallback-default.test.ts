import { checkCases } from '../../testing/check-cases.js';
import { secretFallbackDefault } from './secret-fallback-default.js';

checkCases(secretFallbackDefault, {
  pass: [
    {
      name: 'required secrets, empty defaults for set -u, defaults of settings that are not secrets',
      input: [
        ': "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"',
        'docker build --build-arg VERSION="${VERSION:-dev}" .',
        'TOKEN_FILE="${TOKEN_FILE:-/run/secrets/token}"',
        'echo "${SENTRY_AUTH_TOKEN:-}" >/dev/null',
        'REDIS_PASSWORD="${REDIS_PASSWORD:-$REDIS_PASS}"',
        'for v in A B; do [[ -n "${!v:-}" ]] || exit 1; done',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'a secret that falls back to a committed config value or a placeholder',
      input: [
        'cfg() { yq -r "$1" "$CONFIG"; }',
        'SECRET_KEY="${SECRET_KEY:-$(cfg \'.app.secret_key\')}"',
        'export JWT_SECRET=${JWT_SECRET:=change-me-in-production}',
        'psql "postgres://app:${DB_PASSWORD-postgres}@db/app"',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'fallback', line: 2, column: 13 },
        { messageId: 'fallback', line: 3, column: 19 },
        { messageId: 'fallback', line: 4, column: 22 },
      ],
    },
  ],
});
