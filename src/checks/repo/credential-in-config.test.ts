import { checkCases } from '../../testing/check-cases.js';
import { text, yaml } from '../../testing/dedent.js';
import { credentialInConfig } from './credential-in-config.js';

// Fake credentials, assembled at run time so this file itself does not trip secret scanners.
const PASSWORD = 'npg_' + 'wNnMX0uwCBSr';
const AWS_SECRET = 'Es/LfEaGM0CB' + 'MLFAKEUs41n842V8D9x2y8Mqnppn';
const PEM_HEADER = '-----BEGIN ' + 'PRIVATE KEY-----';
const PEM_FOOTER = '-----END ' + 'PRIVATE KEY-----';
const HOOK = 'https://hooks.slack.com/services/' + 'T0FAKE9B0D/B0FAKEWWAVU/ChdmBiIU9zLenGmkbdkj0ZXn';

checkCases(credentialInConfig, {
  pass: [
    {
      name: 'a .env that .gitignore leaves out of git, and one in a test folder',
      input: {
        '.gitignore': '.env\n',
        '.env': 'JWT_SECRET=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n',
        'tests/.env': 'SMTP_PASSWORD=Zq8r7TnK2pLm\n',
      },
    },
    {
      name: 'template tokens to replace (kubernetes/examples newrelic nrconfig.env)',
      input: {
        '_archived/newrelic-infrastructure/nrconfig.env': '#--REQUIRED--\n# Put your license key in this variable\nexport NRIA_LICENSE_KEY=REPLACE_LICENSE_KEY_HERE\nexport NRIA_LOG_FILE=/var/log/nr-infra.log\n',
        'deploy/app.env': 'DATABASE_URL=mysql://app:invalid@db/app\nGOOGLE_API_KEY=GOOGLE_API_KEY_VAL\n',
      },
    },
    {
      name: 'references, interpolations, empty values, placeholders and identifiers',
      input: {
        'config/config.yaml': yaml`
          app:
            env: production
            secret_key: \${SECRET_KEY}
            api_token: "{{ .Values.token }}"
            apns:
              key_id: 7QK4M2ZT9C
              team_id: H3W8D5XR2L
          database:
            password: ""
            password_file: /run/secrets/db
            url: postgres://app:\${POSTGRES_PASSWORD}@db:5432/app
          redis:
            password: change-me
          tokens: [1, 2]
          feature_token_enabled: true`,
        '.env.production': text`
          # comment
          DATABASE_URL=postgres://app@db:5432/app
          AWS_SECRET_ACCESS_KEY=
          SENTRY_TOKEN=vault:secret/data/sentry#token
          PASSWORD_MIN_LENGTH=12
          NEXT_PUBLIC_API_KEY=pk_live_public_by_design
        `,
      },
    },
    {
      name: 'dev, test and example files and a .env that git ignores are not checked',
      input: {
        '.gitignore': '.env\n',
        '.env': `DATABASE_URL=postgres://postgres:${PASSWORD}@localhost/app\n`,
        '.env.example': `API_TOKEN=${PASSWORD}\n`,
        'config/test/config.yaml': `db_password: ${PASSWORD}\n`,
        'k8s/dev/configmap.yaml': yaml`
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: app-config, namespace: dev }
          data:
            REDIS_URL: redis://:${PASSWORD}@redis:6379/0`,
      },
    },
    {
      name: 'not a config: other YAML, nginx, invalid files',
      input: {
        'k8s/deploy.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: api }
          spec: { replicas: 1 }`,
        'nginx/site.conf': 'server { listen 80; }\n',
        'config/odd.yaml': '--- just a string\n---\n- [1, { password: null }]\n---\n',
        'config/app.toml': '[database]\npassword = "${DB_PASSWORD}"\n',
      },
    },
    {
      name: 'a script that creates a ConfigMap without credentials',
      input: {
        'scripts/03-deploy.sh': text`
          kubectl -n "$NS" create configmap app-config \\
            --from-literal=REDIS_ADDR="$(cfg '.redis.host'):6379" \\
            --from-literal=SECRETS_DIR=/etc/app/secrets \\
            --from-literal=DATABASE_URL="postgres://app@db/app" \\
            --dry-run=client -o yaml | kubectl apply -f -
          kubectl create secret generic s --from-literal=PASSWORD="$PASSWORD"
        `,
      },
    },
  ],
  fail: [
    {
      name: 'a committed .env whatever its naming: hex JWT secret, driver URLs with passwords, *_PASSWORD (none ignored by git)',
      input: {
        '.env': [
          'JWT_SECRET=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          'DATABASE_URL=postgresql+asyncpg://app:Zq8r7TnK2pLm@db:5432/app',
          'MONGO_URL=mongodb+srv://app:Zq8r7TnK2pLm@cluster0.example.net/app',
          'REDIS_URL=redis://:Zq8r7TnK2pLm@redis:6379/0',
          'SMTP_PASSWORD=Zq8r7TnK2pLm',
          'DATABASE_PASSWORD=/run/secrets/db-password',
          '',
        ].join('\n'),
        '.gitignore': 'node_modules\n',
      },
      failures: [
        { messageId: 'credentialValue', line: 1 },
        { messageId: 'urlPassword', line: 2 },
        { messageId: 'urlPassword', line: 3 },
        { messageId: 'urlPassword', line: 4 },
        { messageId: 'credentialValue', line: 5 },
      ],
    },
    {
      name: 'a script that puts the Redis password into a ConfigMap, through a variable',
      input: {
        'scripts/03-deploy.sh': text`
          REDIS_PASSWORD="$(cfg '.redis.password')"
          REDIS_URL="redis://:\${REDIS_PASSWORD}@$(cfg '.redis.host'):6379/0"
          kubectl -n "$NS" create configmap honeydue-config \\
            --from-literal=APP_ENV=production \\
            --from-literal=REDIS_URL="$REDIS_URL" \\
            --from-literal=SENTRY_AUTH_TOKEN="$SENTRY_AUTH_TOKEN" \\
            --dry-run=client -o yaml | kubectl apply -f -
        `,
      },
      failures: [
        { messageId: 'urlPassword', line: 5 },
        { messageId: 'credentialValue', line: 6 },
      ],
    },
    {
      name: 'a ConfigMap with a password in a URL, a token and an embedded properties file',
      input: {
        'k8s/configmap.yaml': yaml`
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: app-config
            namespace: shop
          data:
            APP_ENV: production
            REDIS_URL: redis://:${PASSWORD}@redis:6379/0
            GITHUB_TOKEN: "${PASSWORD}"
            tls.key: |
              ${PEM_HEADER}
              MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
              ${PEM_FOOTER}
            application.properties: |
              spring.datasource.url=jdbc:postgresql://db/app
              spring.datasource.password=${PASSWORD}`,
      },
      failures: [
        { messageId: 'urlPassword', line: 8 },
        { messageId: 'credentialValue', line: 9 },
        { messageId: 'privateKey', line: 10 },
        { messageId: 'credentialValue', line: 16 },
      ],
    },
    {
      name: 'a production env file and an unmarked YAML config',
      input: {
        '.env.production': text`
          APP_ENV=production
          DATABASE_URL="postgres://app:${PASSWORD}@db.example.com/app?sslmode=require"
          AWS_ACCESS_KEY_ID=AKIA4FAKE6TZSDCE5I2K
          export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}
          SLACK_WEBHOOK_URL=${HOOK}
        `,
        'config/config.yaml': yaml`
          bootstrap:
            admin_email: admin@example.com
            admin_password: "Honeydue-Admin-2026!"
          smtp:
            - host: mail
              apiKey: 84629175`,
        'settings.ini': text`
          [database]
          password = ${PASSWORD} ; trailing comment
        `,
      },
      failures: [
        { messageId: 'urlPassword', line: 2 },
        { messageId: 'credentialValue', line: 4 },
        { messageId: 'webhookUrl', line: 5 },
        { messageId: 'credentialValue', line: 3 },
        { messageId: 'credentialValue', line: 6 },
        { messageId: 'credentialValue', line: 2 },
      ],
    },
  ],
});
