import { checkCases } from '../../testing/check-cases.js';
import { secretIntoConfigmap } from './secret-into-configmap.js';

checkCases(secretIntoConfigmap, {
  pass: [
    {
      name: 'a ConfigMap without credentials, and a Secret created from the password',
      input: [
        'REDIS_ADDR="$(cfg .redis.host):$(cfg .redis.port)"',
        'kubectl -n "$NS" create configmap app-config \\',
        '  --from-literal=REDIS_ADDR="$REDIS_ADDR" \\',
        '  --from-literal=SECRETS_DIR=/etc/app/secrets \\',
        '  --dry-run=client -o yaml | kubectl apply -f -',
        'kubectl create secret generic redis-auth --from-literal=REDIS_PASSWORD="$REDIS_PASSWORD"',
        '',
      ].join('\n'),
    },
    { name: 'no kubectl', input: 'echo configmap\n' },
  ],
  fail: [
    {
      name: 'a URL built from the password goes into the ConfigMap',
      input: [
        'REDIS_PASSWORD="$(cfg \'.redis.password\')"',
        'export REDIS_URL="redis://:${REDIS_PASSWORD}@$(cfg \'.redis.host\'):6379/0"',
        'kubectl -n "$NS" create configmap honeydue-config \\',
        '  --from-literal=APP_ENV=production \\',
        '  --from-literal=REDIS_URL="$REDIS_URL" \\',
        '  --dry-run=client -o yaml | kubectl apply -f -',
        '',
      ].join('\n'),
      failures: [{ messageId: 'secretValue', line: 5, column: 3 }],
    },
    {
      name: 'a credential-named key',
      input: 'kubectl create cm app --from-literal=DB_PASSWORD=hunter2 --from-literal=API_TOKEN="$TOKEN"\n',
      failures: [
        { messageId: 'secretKey', line: 1 },
        { messageId: 'secretKey', line: 1 },
      ],
    },
  ],
});
