import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { devModeService } from './dev-mode-service.js';

checkCases(devModeService, {
  pass: [
    yaml`
      services:
        vault:
          image: hashicorp/vault:1.18.3
          command: server -config=/vault/config/vault.hcl
        keycloak:
          image: quay.io/keycloak/keycloak:26.0
          command: ["start", "--optimized"]
        web:
          image: node:22
          environment:
            NODE_ENV: development
            DEBUG: "true"`,
    {
      name: 'a production file with debug off',
      input: {
        'deploy/docker-compose.prod.yml': yaml`
          services:
            api:
              image: acme/api:1.4
              environment:
                - NODE_ENV=production
                - DEBUG=false
                - DJANGO_DEBUG`,
      },
    },
    { name: 'odd shapes', input: 'services:\n  vault:\n    image: vault:1.13\n    command: {a: 1}\n    entrypoint: [1]\n' },
  ],
  fail: [
    {
      name: 'Vault dev servers: a -dev flag, a dev root token, the image default',
      input: yaml`
        services:
          vault:
            image: hashicorp/vault:1.17
            command: server -dev -dev-listen-address=0.0.0.0:8200
            environment:
              VAULT_DEV_ROOT_TOKEN_ID: workshelf-dev-token
          vault2:
            image: hashicorp/vault:1.17
            command: ["server"]
            environment:
              - VAULT_DEV_ROOT_TOKEN_ID=root
          vault3:
            image: vault:1.13.3
          consul:
            image: hashicorp/consul:1.20
            entrypoint: ["consul", "agent", "-dev"]
          keycloak:
            image: quay.io/keycloak/keycloak:26.0
            command: start-dev`,
      failures: [
        { messageId: 'devServer', line: 4 },
        { messageId: 'devServer', line: 11 },
        { messageId: 'devServer', line: 13 },
        { messageId: 'devServer', line: 16 },
        { messageId: 'devServer', line: 19 },
      ],
    },
    {
      name: 'debug settings in a production compose file',
      input: {
        'docker-compose.production.yml': yaml`
          services:
            api:
              image: acme/api:1.4
              environment:
                NODE_ENV: development
                FLASK_DEBUG: 1
            admin:
              image: acme/admin:1.4
              environment:
                - DJANGO_DEBUG=True`,
      },
      failures: [
        { messageId: 'debugInProduction', line: 5 },
        { messageId: 'debugInProduction', line: 6 },
        { messageId: 'debugInProduction', line: 10 },
      ],
    },
    {
      name: 'debug left on by the base of a production deployment (-f docker-compose.yml -f docker-compose.prod.yml)',
      input: {
        'docker-compose.yml': 'services:\n  api:\n    image: acme/api:1.4\n    environment:\n      - FLASK_DEBUG=1\n',
        'docker-compose.prod.yml': 'services:\n  api:\n    restart: always\n',
      },
      failures: [{ messageId: 'debugInProduction', line: 5 }],
    },
  ],
});
