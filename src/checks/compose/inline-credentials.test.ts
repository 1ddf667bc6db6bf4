import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { inlineCredentials } from './inline-credentials.js';

checkCases(inlineCredentials, {
  pass: [
    {
      name: 'a path to a Docker secret and stand-ins (awesome-compose react-express-mysql)',
      input: yaml`
        services:
          backend:
            image: example/backend
            environment:
              - DATABASE_DB=example
              - DATABASE_USER=root
              - DATABASE_PASSWORD=/run/secrets/db-password
              - API_TOKEN=<your-api-token>
              - DATABASE_URL=mysql://root:YOUR_DB_PASSWORD@db/example`,
    },
    yaml`
      services:
        postgres:
          image: postgres:16.6
          environment:
            POSTGRES_USER: postgres
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}
            POSTGRES_HOST_AUTH_METHOD: scram-sha-256
        unleash:
          image: unleashorg/unleash-server:6.9.3
          environment:
            DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD}@postgres:5432/unleash
            UNLEASH_DEFAULT_ADMIN_USERNAME: admin
            UNLEASH_DEFAULT_ADMIN_PASSWORD: \${UNLEASH_ADMIN_PASSWORD:?set it}
            LOG_LEVEL: warn`,
    {
      name: 'list syntax with references, _FILE variables, switches and ids',
      input: yaml`
        services:
          api:
            build: .
            environment:
              - POSTGRES_PASSWORD_FILE=/run/secrets/db_password
              - API_TOKEN=$API_TOKEN
              - SECRET_KEY
              - AWS_ACCESS_KEY_ID=AKIAEXAMPLE
              - TOKEN_TTL=3600
              - REDIS_PASSWORD=
              - AUTH_ENABLED=true
              - MYSQL_ALLOW_EMPTY_PASSWORD=no
          grafana:
            image: grafana/grafana:11.4.0
            env_file: .env
          redis:
            image: redis:7.4
            command: ["sh", "-c", "exec redis-server --appendonly yes --requirepass \\"$$REDIS_PASSWORD\\""]
          cache:
            image: redis:7.4
            command: redis-server --requirepass \${REDIS_PASSWORD:?set it} --maxmemory 64mb`,
    },
    { name: 'odd shapes', input: 'services:\n  a:\n    environment: "x"\n  b:\n    environment: [1, null, {A: b}]\n  c: 5\n' },
    {
      name: 'a value interpolated from the project .env is written there, not in the compose file',
      input: {
        '.env': 'DB_PASSWORD=hunter2-but-longer\nREDIS_PASSWORD=s3cr3t-redis\n',
        'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n',
      },
    },
    {
      name: 'paths to Docker secrets, linuxserver.io FILE__ variables',
      input: yaml`
        services:
          backend:
            image: acme/backend:1
            environment:
              - DATABASE_PASSWORD=/run/secrets/db-password
          mariadb:
            image: lscr.io/linuxserver/mariadb:11.4.4
            environment:
              FILE__MYSQL_ROOT_PASSWORD: /run/secrets/mysql_root_password`,
    },
  ],
  fail: [
    {
      name: 'a literal password in an examples folder is reported at low, saying so',
      input: {
        'examples/wordpress/compose.yaml': yaml`
          services:
            db:
              image: mariadb:11
              environment:
                MYSQL_PASSWORD: Zq8v2LmT4nRw`,
      },
      failures: [{ messageId: 'inSample', line: 5 }],
    },
    {
      name: 'the k3s-saas local stack: default postgres password, password in a URL, Unleash default admin',
      input: yaml`
        services:
          postgres:
            image: postgres:16
            environment:
              POSTGRES_USER: postgres
              POSTGRES_PASSWORD: postgres
              POSTGRES_DB: honeydue
          vault:
            image: hashicorp/vault:1.17
            environment:
              VAULT_DEV_ROOT_TOKEN: workshelf-dev-token
          # Default login: admin / unleash4all
          unleash:
            image: unleashorg/unleash-server:latest
            environment:
              DATABASE_URL: postgres://postgres:postgres@postgres:5432/unleash
              SENTRY_DSN_URL: https://app:s3cr3t-value@sentry.example/1`,
      failures: [
        { messageId: 'defaultCredential', line: 6 },
        { messageId: 'literalSecret', line: 11 },
        { messageId: 'defaultAdmin', line: 13 },
        { messageId: 'urlCredential', line: 16 },
        { messageId: 'urlCredential', line: 17 },
      ],
    },
    {
      name: 'list syntax, trust auth, empty passwords, grafana and minio defaults',
      input: yaml`
        services:
          db:
            image: postgres:16
            environment:
              - POSTGRES_HOST_AUTH_METHOD=trust
              - JWT_SECRET=9f8e7d6c5b4a
          mysql:
            image: mysql:8.4
            environment:
              MYSQL_ALLOW_EMPTY_PASSWORD: "yes"
          grafana:
            image: grafana/grafana-oss
          minio:
            image: quay.io/minio/minio
            environment:
              MINIO_ROOT_PASSWORD: ""
          redis:
            image: redis:7.4
            command: redis-server --appendonly yes --requirepass s3cr3tpass
          app:
            image: acme/app:1
            entrypoint: ["/app/run", "--password=hunter22"]`,
      failures: [
        { messageId: 'trustAuth', line: 5 },
        { messageId: 'literalSecret', line: 6 },
        { messageId: 'emptyPassword', line: 10 },
        { messageId: 'defaultAdmin', line: 11 },
        { messageId: 'defaultAdmin', line: 13 },
        { messageId: 'commandSecret', line: 19 },
        { messageId: 'commandSecret', line: 22 },
      ],
    },
  ],
});
