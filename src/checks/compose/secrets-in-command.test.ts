import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { secretsInCommand } from './secrets-in-command.js';

checkCases(secretsInCommand, {
  pass: [
    yaml`
      services:
        redis:
          image: redis:7.4
          command: ["redis-server", "/usr/local/etc/redis/redis.conf"]
        db:
          image: postgres:16
          command: postgres --password-file=/run/secrets/pg
          environment:
            POSTGRES_PASSWORD_FILE: /run/secrets/pg`,
    {
      name: 'without a shell, $$VAR is passed as written, not expanded',
      input: 'services:\n  redis:\n    image: redis:7.4\n    command: ["redis-server", "--requirepass", "$$REDIS_PASSWORD"]\n',
    },
    { name: 'a literal password is compose/inline-credentials', input: 'services:\n  redis:\n    image: redis:7.4\n    command: redis-server --requirepass hunter2-long\n' },
  ],
  fail: [
    {
      name: 'docker-traefik compose/ws/redis.yml: --requirepass $REDIS_PASSWORD in the entrypoint; list form, ${VAR}, $$VAR in sh -c',
      input: {
        'compose/ws/redis.yml': yaml`
          services:
            redis:
              image: redis:latest
              entrypoint: redis-server --appendonly yes --requirepass $REDIS_PASSWORD --maxmemory 512mb
            replica:
              image: redis:7.4
              command: ["redis-server", "--masterauth", "\${REDIS_PASSWORD}"]
            cache:
              image: redis:7.4
              command: ["sh", "-c", "redis-server --requirepass=$$REDIS_PASSWORD"]`,
        'docker-compose-ws.yml': 'include:\n  - compose/$HOSTNAME/redis.yml\n',
      },
      failures: [
        { messageId: 'variablePassword', line: 4 },
        { messageId: 'variablePassword', line: 7 },
        { messageId: 'variablePassword', line: 10 },
      ],
    },
  ],
});
