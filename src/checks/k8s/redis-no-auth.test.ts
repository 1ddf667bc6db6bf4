import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { redisNoAuth } from './redis-no-auth.js';

checkCases(redisNoAuth, {
  pass: [
    {
      name: 'a password from a Secret, a config file that may set one, Bitnami variables, and images that are no Redis',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: cache }
        spec:
          template:
            spec:
              containers:
                - name: requirepass
                  image: redis:7-alpine
                  command: ["sh", "-c", "exec redis-server --requirepass \\"$(cat /etc/redis/secret/password)\\""]
                - name: conf
                  image: redis:7-alpine
                  command: ["redis-server", "/etc/redis/redis.conf"]
                - name: bitnami
                  image: bitnami/redis:7.2
                  env:
                    - name: REDIS_PASSWORD
                      valueFrom: { secretKeyRef: { name: redis, key: password } }
                - name: api
                  image: ghcr.io/acme/api:1.4
                - name: exporter
                  image: oliver006/redis_exporter:v1.62.0`,
    },
  ],
  fail: [
    {
      name: 'redis-server started with options but no password (the command line is where it is decided)',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: redis }
        spec:
          template:
            spec:
              containers:
                - name: redis
                  image: redis:7-alpine
                  command: ["redis-server"]
                  args: ["--appendonly", "no", "--maxmemory", "256mb"]`,
      failures: [{ messageId: 'noPassword', line: 10 }],
    },
    {
      name: 'the image default command, and Bitnami told to accept no password',
      input: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: sessions }
        spec:
          template:
            spec:
              containers:
                - name: valkey
                  image: valkey/valkey:8
                - name: bitnami
                  image: bitnami/redis:7.2
                  env:
                    - { name: ALLOW_EMPTY_PASSWORD, value: "yes" }`,
      failures: [
        { messageId: 'noPassword', line: 9 },
        { messageId: 'emptyAllowed', line: 13 },
      ],
    },
  ],
});
