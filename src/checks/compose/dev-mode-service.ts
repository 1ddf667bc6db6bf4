import { commandWordsOf, environmentOf } from '../../targets/compose/environment.js';
import { DEBUG_MODE_NAMES, DEBUG_MODE_UNLESS } from '../../targets/config/claims.js';
import { parseImageRef } from '../../targets/docker/image-ref.js';
import { defineCheck } from '../define.js';

/** Servers whose `-dev` mode drops persistence, TLS and authentication on purpose. */
const DEV_SERVERS = new Map([
  ['vault', 'Vault'],
  ['consul', 'Consul'],
  ['nomad', 'Nomad'],
  ['keycloak', 'Keycloak'],
]);
const DEV_FLAG = /^(--?dev(=true)?|start-dev)$/;
/** Settings that turn on a framework's debug mode (stack traces, consoles that run code, auto-reload). */
const DEBUG_SETTINGS: Record<string, RegExp> = {
  NODE_ENV: /^development$/i,
  FLASK_DEBUG: /^(1|true|yes)$/i,
  FLASK_ENV: /^development$/i,
  DJANGO_DEBUG: /^(1|true|yes)$/i,
  DEBUG: /^(1|true|yes)$/i,
  APP_DEBUG: /^(1|true)$/i,
  RAILS_ENV: /^development$/i,
  APP_ENV: /^(dev|development|local)$/i,
  ASPNETCORE_ENVIRONMENT: /^development$/i,
  SPRING_PROFILES_ACTIVE: /(^|,)dev(,|$)/i,
};
/** A compose file that says it is for production: docker-compose.prod.yml, compose.production.yaml, prod/compose.yml. */
const PRODUCTION_FILE = /(^|[/._-])(prod|production|live)([/._-]|$)/i;

export const devModeService = defineCheck({
  id: 'compose/dev-mode-service',
  title: 'Compose services do not run servers in development mode',
  severity: 'high',
  target: 'compose-service',
  why:
    'Development modes trade safety for convenience. Vault `server -dev` keeps everything in memory, is unsealed at ' +
    'start, serves plain HTTP and hands out a root token that is printed in the log or fixed in the compose file; ' +
    'Consul and Nomad `-dev` run without ACLs; Keycloak `start-dev` disables HTTPS and hostname checks. Published ' +
    'on a port, they give whoever reaches it full control. Debug settings in a production compose file expose stack ' +
    'traces and, for Flask and Django, consoles that run code.',
  fix: [
    'Run the server in its normal mode, with a config file, persistent storage and TLS:',
    '',
    '    vault:',
    '      image: hashicorp/vault:1.18.3',
    '      command: server -config=/vault/config/vault.hcl',
    '',
    'For local experiments keep the dev server on loopback (`"127.0.0.1:8200:8200"`) and out of shared compose files;',
    'in production files set NODE_ENV=production and turn debug settings off.',
  ].join('\n'),
  refs: [
    'HashiCorp Vault documentation, "Dev" server mode: never run a dev server in production',
    'Keycloak documentation, Configuring Keycloak for production (start vs start-dev)',
    'OWASP Top 10 2021 A05 (security misconfiguration)',
    'CWE-489: Active debug code',
  ],
  messages: {
    devServer: 'service "{service}" runs {product} in dev mode ({how})',
    debugInProduction: 'service "{service}" sets {name}={value} in the production compose file {file}',
  },
  claims: [
    {
      about: 'no server in development mode', risk: true,
      names: [
        'dev mode',
        'dev server*',
        'start-dev',
        ['Vault', 'server -dev'],
        ['Vault', 'unsealed'],
        ['Vault', 'in-memory'],
        ['Keycloak', 'HTTPS', 'disabled'],
      ],
      messages: ['devServer'],
    },
    { about: 'debug off in production', names: DEBUG_MODE_NAMES, unless: DEBUG_MODE_UNLESS, messages: ['debugInProduction'] },
  ],
  evaluate(service, ctx) {
    const image = service.image === undefined ? undefined : parseImageRef(service.image);
    const product = image ? DEV_SERVERS.get(image.name.toLowerCase()) : undefined;
    const environment = environmentOf(service);
    if (product) {
      const command = commandWordsOf(service, 'command');
      const entrypoint = commandWordsOf(service, 'entrypoint');
      const flag = command.find((word) => DEV_FLAG.test(word)) ?? entrypoint.find((word) => DEV_FLAG.test(word));
      const devVariable = product === 'Vault' ? environment.find((variable) => variable.name.startsWith('VAULT_DEV_')) : undefined;
      const data = { service: service.name, product };
      if (flag !== undefined) ctx.fail(service.at(command.includes(flag) ? 'command' : 'entrypoint'), 'devServer', { ...data, how: flag });
      else if (devVariable) ctx.fail(service.at(devVariable.path), 'devServer', { ...data, how: devVariable.name });
      // The Vault image's default command is `server -dev`.
      else if (product === 'Vault' && command.length === 0 && entrypoint.length === 0) ctx.fail(service.at('image'), 'devServer', { ...data, how: 'the image default, server -dev' });
    }
    // The production file may be the override of a deployment (`-f docker-compose.yml -f docker-compose.prod.yml`).
    const production = [service.file, ...service.project.files].find((file) => PRODUCTION_FILE.test(file));
    if (production === undefined) return;
    for (const variable of environment) {
      const pattern = DEBUG_SETTINGS[variable.name];
      const value = variable.value?.trim();
      if (pattern && value !== undefined && pattern.test(value)) {
        ctx.fail(service.at(variable.path), 'debugInProduction', { service: service.name, name: variable.name, value, file: production });
      }
    }
  },
});
