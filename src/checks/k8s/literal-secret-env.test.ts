import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { literalSecretEnv } from './literal-secret-env.js';

checkCases(literalSecretEnv, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: api }
      spec:
        template:
          spec:
            containers:
              - name: api
                env:
                  - name: POSTGRES_PASSWORD
                    valueFrom:
                      secretKeyRef: { name: db, key: password }
                  - name: POSTGRES_PASSWORD_FILE
                    value: /etc/app/secrets/POSTGRES_PASSWORD
                  - name: B2_KEY_ID
                    value: "0012ab34cd56ef7"
                  - name: SENTRY_AUTH_TOKEN_ENABLED
                    value: "true"
                  - name: API_INTERNAL_URL
                    value: http://api.honeydue.svc.cluster.local:8000
                  - name: REDIS_PASSWORD
                    value: ""`,
    {
      name: 'references and deploy-time placeholders are not literals',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              containers:
                - name: goose
                  env:
                    - name: GOOSE_DBSTRING
                      value: "postgres://honeydue:$(POSTGRES_PASSWORD)@db.example.com:5432/honeydue?sslmode=verify-full"
                    - name: DB_PASSWORD
                      value: $(POSTGRES_PASSWORD)
                    - name: API_TOKEN
                      value: "{{ .Values.apiToken }}"
                    - name: SECRET_KEY
                      value: SECRET_KEY_PLACEHOLDER
                    - name: STRIPE_PUBLIC_KEY
                      value: pk_live_51Habcdefghijklmnop`,
    },
    {
      name: 'odd env shapes',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: odd }
        spec:
          containers:
            - name: app
              env: { PASSWORD: hunter2 }
            - name: b
              env: [null, "PASSWORD=hunter2", { name: TOKEN }, { value: plain }]`,
    },
    {
      name: 'stand-ins a setup script or the reader replaces (microservices-demo, kubernetes/examples)',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: server
                  env:
                    - name: GOOGLE_API_KEY
                      value: GOOGLE_API_KEY_VAL
                    - name: ETCD_INITIAL_CLUSTER_TOKEN
                      value: INSERT_ETCD_INITIAL_CLUSTER_TOKEN
                    - name: ACCESS_KEY                                  #REQUIRED - replace with your Sysdig Cloud access key
                      value: 8312341g-5678-abcd-4a2b2c-33bcsd655
                    - name: MYSQL_ROOT_PASSWORD
                      # change this
                      value: yourpassword
                    - name: LICENSE_KEY
                      value: 2b7e151628aed2a6abf71589   # set your own here
                    - name: DB_PASSWORD
                      value: /run/secrets/db-password`,
    },
  ],
  fail: [
    {
      name: 'a literal next to an unrelated comment, and one in a test folder (reported at low)',
      input: {
        'deploy/api.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata: { name: api }
          spec:
            containers:
              - name: api
                env:
                  # rotated every 90 days
                  - name: API_TOKEN
                    value: 2b7e151628aed2a6abf71589`,
        'test/e2e/api.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata: { name: api }
          spec:
            containers:
              - name: api
                env:
                  - name: API_TOKEN
                    value: 2b7e151628aed2a6abf71589`,
      },
      failures: [
        { messageId: 'sensitiveName', line: 10 },
        { messageId: 'inSample', line: 9 },
      ],
    },
    {
      name: 'secret names with literal values, defaults included',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: test-pod }
        spec:
          containers:
            - name: nginx
              env:
                - name: user_name
                  value: postgres
                - name: my_password
                  value: abc123
                - name: AWS_SECRET_ACCESS_KEY
                  value: changeme
                - name: githubToken
                  value: "9f8a7c6d5e4b3a21"`,
      failures: [
        { messageId: 'sensitiveName', line: 11 },
        { messageId: 'sensitiveName', line: 13 },
        { messageId: 'sensitiveName', line: 15 },
      ],
    },
    {
      name: 'credentials recognised by shape, whatever the name',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    - name: DATABASE_URL
                      value: postgres://app:s3cr3t-Pa55@db.internal:5432/app
                    - name: the_good_stuff
                      value: |
                        ---BEGIN OPENSSH PRIVATE KEY---
                        xxxxx
                        ---END  OPENSSH PRIVATE KEY---
                    - name: UPLOADS
                      value: AKIA4FAKEFAKEFAKE123
                    - name: REDIS_URL
                      value: "redis://:hunter2@redis:6379/0"`,
      failures: [
        { messageId: 'credentialValue', line: 11 },
        { messageId: 'credentialValue', line: 13 },
        { messageId: 'credentialValue', line: 18 },
        { messageId: 'credentialValue', line: 20 },
      ],
    },
  ],
});
