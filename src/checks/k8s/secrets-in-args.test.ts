import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { secretsInArgs } from './secrets-in-args.js';

checkCases(secretsInArgs, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: vmagent }
      spec:
        template:
          spec:
            containers:
              - name: vmagent
                args:
                  - -promscrape.config=/config/scrape.yml
                  - -remoteWrite.url=https://vm.example.com/api/v1/write
                  - -remoteWrite.basicAuth.username=vmagent
                  - -remoteWrite.basicAuth.passwordFile=/etc/vmagent/secrets/password
                  - --token-file
                  - /var/run/secrets/token`,
    {
      name: 'references expanded at run time, switches about passwords, and odd shapes',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: tools }
        spec:
          containers:
            - name: psql
              command: ["sh", "-c", "psql --no-password -h db \\"postgres://app:$PGPASSWORD@db/app\\""]
              args: ["--password", "$(DB_PASSWORD)", "--api-key=\${API_KEY}", 42, null]
            - name: redis
              command: "redis-server --requirepass hunter2"
              args: { password: hunter2 }`,
    },
  ],
  fail: [
    {
      name: 'a password in a connection string inside a shell command',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: honeydue-migrate }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: migrate
                  command: ["sh", "-c", "goose -dir /migrations postgres \\"postgres://honeydue:hunter2-prod@db.example.com/honeydue\\" up"]`,
      failures: [{ messageId: 'credential', line: 10 }],
    },
    {
      name: 'secret flags: joined, separate, inside a shell string, and mysql -p',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: agents }
        spec:
          template:
            spec:
              containers:
                - name: vmagent
                  args:
                    - -remoteWrite.url=https://vm.example.com/api/v1/write
                    - -remoteWrite.basicAuth.password=U9Vo5uXBQnPZ6foVzCT7dnEqnZgF
                - name: redis
                  command: ["redis-server"]
                  args: ["--appendonly", "no", "--requirepass", "hunter2"]
                - name: backup
                  command:
                    - /bin/sh
                    - -c
                    - mysqldump -uroot -pS3cret db | gzip > /backup/db.sql.gz; curl --token abcdef123 https://x
                - name: cli
                  args:
                    - --api-key
                    - AKIA4FAKEFAKEFAKE123`,
      failures: [
        { messageId: 'secretFlag', line: 11 },
        { messageId: 'secretFlag', line: 14 },
        { messageId: 'secretFlag', line: 19 },
        { messageId: 'secretFlag', line: 19 },
        { messageId: 'credential', line: 23 },
      ],
    },
    {
      name: 'a Secret-backed variable expanded into args by Kubernetes ($$ escapes it)',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              containers:
                - name: migrate
                  env:
                    - name: POSTGRES_PASSWORD
                      valueFrom:
                        secretKeyRef: { name: db, key: password }
                    - name: POSTGRES_USER
                      value: app
                  command: ["sh", "-c", "psql \\"postgres://$(POSTGRES_USER):$(POSTGRES_PASSWORD)@db/app\\" -c 'select 1'"]
                  args:
                    - --user=$(POSTGRES_USER)
                    - --literal=$$(POSTGRES_PASSWORD)
                    - --password=$(POSTGRES_PASSWORD)`,
      failures: [
        { messageId: 'secretExpanded', line: 15 },
        { messageId: 'secretExpanded', line: 19 },
      ],
    },
  ],
});
