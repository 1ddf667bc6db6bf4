import { checkCases } from '../../testing/check-cases.js';
import { text, yaml } from '../../testing/dedent.js';
import { debugFlagInProd } from './debug-flag-in-prod.js';

checkCases(debugFlagInProd, {
  pass: [
    {
      name: 'a .env git ignores, and a template token a setup step replaces (kubernetes/examples nrconfig.env)',
      input: {
        '.gitignore': '.env\n',
        '.env': 'SKIP_EMAIL_VERIFICATION=true\nDISABLE_AUTH=true\n',
        'newrelic/nrconfig.env': '# Put your license key in this variable\nexport NRIA_LICENSE_KEY=REPLACE_LICENSE_KEY_HERE\n',
      },
    },
    {
      name: 'flags off, secrets from the environment, safe negations',
      input: {
        'config/config.yaml': yaml`
          app:
            env: production
            debug: false
            debug_fixed_codes: false
            secret_key: \${SECRET_KEY}
            log_level: debug
          redis:
            host: redis
          auth:
            enabled: true
          DISABLE_AUTH: "false"
          SKIP_EMAIL_VERIFICATION: 0`,
        'k8s/configmap.yaml': yaml`
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: app-config, namespace: shop }
          data:
            DEBUG: "false"
            DEBUG_FIXED_CODES: "false"
            CSRF_ENABLED: "true"
            REDIS_ADDR: redis:6379`,
      },
    },
    {
      name: 'dev, test, local and example configs may debug',
      input: {
        '.env': 'DEBUG=true\nREDIS_PASSWORD=\n',
        '.env.example': 'POSTGRES_PASSWORD=\nREDIS_PASSWORD=\nSECRET_KEY=change-me\n',
        '.env.local': 'DEBUG=1\n',
        'config/config.dev.yaml': 'debug: true\n',
        'config/config.yaml': 'app:\n  env: development\ndebug: true\n',
        'deploy/test/settings.ini': '[app]\ndebug = on\n',
        'k8s/configmap.yaml': yaml`
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: app-config, namespace: staging }
          data:
            APP_ENV: local
            DEBUG: "true"`,
      },
    },
    {
      name: 'development and test sections of a multi-environment config; a label that says password',
      input: {
        'config/database.yml': yaml`
          development:
            password: ""
            debug: true
          test:
            password:
          labels:
            password: Password`,
      },
    },
    {
      name: 'a script-created ConfigMap whose flags are computed at run time',
      input: {
        'scripts/deploy.sh': 'kubectl create configmap app --from-literal=DEBUG_FIXED_CODES="$(cfg .app.debug_fixed_codes)"\n',
      },
    },
    {
      name: "Traefik's own InsecureSkipVerify is repo/traefik-file-insecure's (v1 top level, v2 serversTransport, docker-traefik)",
      input: {
        'traefik1/traefik.toml': 'logLevel = "INFO"\nInsecureSkipVerify = true\ndefaultEntryPoints = ["https", "http"]\n',
        'traefik/traefik.toml': '[entryPoints.web]\n  address = ":80"\n[serversTransport]\n  insecureSkipVerify = true\n',
      },
    },
    {
      name: 'odd shapes',
      input: {
        'config/config.yaml': '- 1\n- debug\n- { DEBUG: null }\n',
        'k8s/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: [DEBUG]\n',
      },
    },
  ],
  fail: [
    {
      name: 'a committed .env: bypass switches ship with it (debug mode there is local use)',
      input: { '.env': 'DEBUG=true\nSKIP_EMAIL_VERIFICATION=true\nDISABLE_AUTH=true\nEMAIL_VERIFICATION_REQUIRED=false\n' },
      failures: [
        { messageId: 'bypassEnabled', line: 2 },
        { messageId: 'bypassEnabled', line: 3 },
        { messageId: 'controlDisabled', line: 4 },
      ],
    },
    {
      name: 'the deploy config of a production app',
      input: {
        'config/config.yaml': yaml`
          app:
            env: production
            secret_key: "change-me-in-production-secret-key-12345"   # $SECRET_KEY wins if set
            # every emailed verification / reset code becomes 123456 (QA builds)
            debug_fixed_codes: true
          redis:
            password: ""
          database:
            password:
          api:
            token: ""`,
      },
      failures: [
        { messageId: 'placeholderSecret', line: 3 },
        { messageId: 'bypassEnabled', line: 5 },
        { messageId: 'emptyPassword', line: 7 },
        { messageId: 'emptyPassword', line: 9 },
      ],
    },
    {
      name: 'a ConfigMap and env files without an environment marker',
      input: {
        'k8s/configmap.yaml': yaml`
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: honeydue-config, namespace: honeydue }
          data:
            DEBUG: "True"
            DEBUG_FIXED_CODES: "true"
            FIXED_CODES: "123456,654321"
            SKIP_EMAIL_VERIFICATION: "yes"
            AUTH_ENABLED: "false"
            SESSION_SECRET: dev-secret`,
        'deploy/app.env': text`
          FLASK_DEBUG=1
          DISABLE_AUTH=true
          VERIFY_SSL=false
          JWT_SECRET=secret
          GIN_MODE=debug
        `,
      },
      failures: [
        { messageId: 'debugEnabled', line: 1 },
        { messageId: 'bypassEnabled', line: 2 },
        { messageId: 'controlDisabled', line: 3 },
        { messageId: 'placeholderSecret', line: 4 },
        { messageId: 'debugMode', line: 5 },
        { messageId: 'debugEnabled', line: 5 },
        { messageId: 'bypassEnabled', line: 6 },
        { messageId: 'bypassEnabled', line: 7 },
        { messageId: 'bypassEnabled', line: 8 },
        { messageId: 'controlDisabled', line: 9 },
        { messageId: 'placeholderSecret', line: 10 },
      ],
    },
    {
      name: 'the production section of a multi-environment config',
      input: {
        'config/database.yml': yaml`
          development:
            password: ""
          production:
            password: ""`,
      },
      failures: [{ messageId: 'emptyPassword', line: 4 }],
    },
    {
      name: 'a literal flag in a ConfigMap a script creates',
      input: {
        'scripts/deploy.sh': 'kubectl -n prod create configmap app \\\n  --from-literal=DEBUG=true --from-literal=PORT=8000\n',
      },
      failures: [{ messageId: 'debugEnabled', line: 2 }],
    },
    {
      name: "an application's TOML config that skips TLS verification (not Traefik's)",
      input: { 'config/app.toml': '[upstream]\nurl = "https://api.example.com"\ninsecureSkipVerify = true\n' },
      failures: [{ messageId: 'bypassEnabled', line: 3 }],
    },
  ],
});
