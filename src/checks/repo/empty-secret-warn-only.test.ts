import { checkCases } from '../../testing/check-cases.js';
import { emptySecretWarnOnly } from './empty-secret-warn-only.js';

checkCases(emptySecretWarnOnly, {
  pass: [
    {
      name: 'required secrets stop the script',
      input: [
        ': "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"',
        'for v in SECRET_KEY REDIS_PASSWORD; do [[ -n "${!v:-}" ]] || die "$v is required"; done',
        'if [[ -z "$REDIS_PASSWORD" ]]; then',
        '  echo "ERROR: REDIS_PASSWORD is empty" >&2',
        '  exit 1',
        'fi',
        'if [ -n "$ADMIN_PASSWORD" ]; then echo ok; else echo "missing" >&2; return 1; fi',
        '',
      ].join('\n'),
    },
    {
      name: 'optional settings that are not secrets, and an unterminated if',
      input: ['if [[ -z "$DEBUG" ]]; then', '  echo "debug off"', 'fi', 'if [[ -z "$TOKEN" ]]; then', '  echo "no token"', ''].join('\n'),
    },
  ],
  fail: [
    {
      name: 'the secret is added only when set; the else branch only warns',
      input: [
        'args=(--from-literal=SECRET_KEY="$SECRET_KEY")',
        'if [[ -n "$REDIS_PASSWORD" ]]; then',
        '  args+=(--from-literal=REDIS_PASSWORD="$REDIS_PASSWORD")',
        'else',
        '  echo "WARNING: REDIS_PASSWORD is empty -- redis will run without auth" >&2',
        'fi',
        'kubectl create secret generic app "${args[@]}"',
        '',
      ].join('\n'),
      failures: [{ messageId: 'warnOnly', line: 5, column: 3 }],
    },
    {
      name: 'a -z test whose branch only warns',
      input: [
        'REDIS_PASSWORD=$(yq \'.redis.password\' config.yaml)',
        'if [ -z "$REDIS_PASSWORD" ]; then',
        '  echo "WARN: redis.password empty; Redis will run without auth" >&2',
        'fi',
        '',
      ].join('\n'),
      failures: [{ messageId: 'warnOnly', line: 3 }],
    },
  ],
});
