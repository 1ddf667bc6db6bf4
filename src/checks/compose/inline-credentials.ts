import { environmentOf, isInterpolated } from '../../targets/compose/environment.js';
import { passwordArgumentsOf } from '../../targets/compose/password-options.js';
import { parseImageRef } from '../../targets/docker/image-ref.js';
import { POSTGRES_AUTH_NAMES } from '../../targets/net/claims.js';
import { EMPTY_PASSWORD_NAMES, HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isCredentialName, isDefaultCredential } from '../../targets/secrets/credential-names.js';
import { maskSecret, urlPassword } from '../../targets/secrets/mask.js';
import { isPlaceholderValue } from '../../targets/secrets/placeholders.js';
import { sampleAreaOf } from '../../targets/secrets/sample-paths.js';
import { defineCheck } from '../define.js';

/** Images that create an admin account with a published default password unless a variable sets one. */
const DEFAULT_ADMINS: { image: RegExp; product: string; login: string; variables: string[] }[] = [
  { image: /^unleash-server$/, product: 'Unleash', login: 'admin / unleash4all', variables: ['UNLEASH_DEFAULT_ADMIN_PASSWORD'] },
  { image: /^grafana(-oss|-enterprise)?$/, product: 'Grafana', login: 'admin / admin', variables: ['GF_SECURITY_ADMIN_PASSWORD', 'GF_SECURITY_ADMIN_PASSWORD__FILE'] },
  { image: /^minio$/, product: 'MinIO', login: 'minioadmin / minioadmin', variables: ['MINIO_ROOT_PASSWORD', 'MINIO_ROOT_PASSWORD_FILE', 'MINIO_SECRET_KEY'] },
];
const EMPTY_PASSWORD_ALLOWED = new Set(['MYSQL_ALLOW_EMPTY_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_PASSWORD', 'ALLOW_EMPTY_PASSWORD']);
const YES = /^(yes|true|1|on)$/i;
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|none|null|0|1)$/i;
/** An absolute file path (`/run/secrets/db-password`): where the program reads the secret, the recommended pattern. */
const FILE_PATH = /^\/[\w.@-]+(\/[\w.@-]+)+$/;

/** A variable that names the file holding the secret: a path, or linuxserver.io's `FILE__` prefix. */
function isSecretFile(name: string, value: string): boolean {
  return name.startsWith('FILE__') || FILE_PATH.test(value);
}

export const inlineCredentials = defineCheck({
  id: 'compose/inline-credentials',
  title: 'Compose files do not hold literal or default credentials',
  severity: 'medium',
  target: 'compose-service',
  why:
    'A password written into a compose file is committed with it: everyone with read access to the repository (and ' +
    'its forks, CI logs and backups) has it, it never rotates, and the same value tends to be reused on the next ' +
    'server. Defaults such as postgres/postgres, admin/admin or an image\'s built-in admin login are the first thing ' +
    'scanners try on a published port. POSTGRES_HOST_AUTH_METHOD: trust and empty-password switches drop the password ' +
    'check altogether.',
  fix: [
    'Read every credential from an untracked .env file (or Docker secrets) and make compose refuse to start without it:',
    '',
    '    environment:',
    '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}',
    '      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@postgres:5432/app',
    '',
    'Commit a .env.example with empty values, keep .env in .gitignore, and set the admin password of images that ship',
    'a default login (UNLEASH_DEFAULT_ADMIN_PASSWORD, GF_SECURITY_ADMIN_PASSWORD, MINIO_ROOT_PASSWORD).',
  ].join('\n'),
  refs: [
    'OWASP Top 10 2021 A07 (identification and authentication failures): default credentials',
    'CWE-798: Use of hard-coded credentials; CWE-1392: Use of default credentials',
    'Docker documentation, Use secrets in Compose',
    'compose-lint CL-0020 (credentials in environment)',
  ],
  messages: {
    literalSecret: 'service "{service}" sets {name} to a literal value ({masked})',
    defaultCredential: 'service "{service}" sets {name} to the well-known default "{masked}"',
    urlCredential: 'service "{service}" writes a password into the URL in {name} ({masked})',
    trustAuth: 'service "{service}" sets POSTGRES_HOST_AUTH_METHOD: trust, so any client connects without a password',
    emptyPassword: 'service "{service}" sets {name}, allowing accounts without a password',
    inSample: { text: 'service "{service}" sets {name} to a literal credential ({masked}) in a {area} compose file (low, not medium, in tests, examples and demos)', severity: 'low' },
    commandSecret: 'service "{service}" passes a literal password on its {key} ({option} {masked})',
    defaultAdmin: 'service "{service}" runs {product} with its built-in admin login ({login}): {variable} is not set',
  },
  claims: [
    {
      about: 'no literal credentials in compose files', risk: true,
      names: [...HARDCODED_SECRET_NAMES, ['compose', 'password*'], ['compose', 'secret*'], ['compose', 'credential*']],
      unless: HARDCODED_SECRET_UNLESS,
      messages: ['literalSecret', 'urlCredential', 'commandSecret', 'inSample'],
    },
    {
      about: 'no default credentials', risk: true,
      names: ['default credential*', 'default password*', 'default admin*', 'built-in admin*', 'factory default*', ['default', 'login*', 'admin*']],
      messages: ['defaultCredential', 'defaultAdmin'],
    },
    { about: 'PostgreSQL asks for a password', names: POSTGRES_AUTH_NAMES, messages: ['trustAuth'] },
    { about: 'no empty passwords', names: EMPTY_PASSWORD_NAMES, messages: ['emptyPassword'] },
  ],
  evaluate(service, ctx) {
    const environment = environmentOf(service);
    const area = service.location.kind === 'file' ? sampleAreaOf(service.location.path) : undefined;
    for (const variable of environment) {
      // A value interpolated from .env is written there, and judged there (the .env checks): here only what the compose file writes.
      const value = variable.written?.trim();
      if (value === undefined || value === '') continue;
      const at = service.at(variable.path);
      const data = { service: service.name, name: variable.name };
      if (variable.name === 'POSTGRES_HOST_AUTH_METHOD') {
        if (value.toLowerCase() === 'trust') ctx.fail(at, 'trustAuth', data);
        continue;
      }
      if (EMPTY_PASSWORD_ALLOWED.has(variable.name)) {
        if (YES.test(value)) ctx.fail(at, 'emptyPassword', data);
        continue;
      }
      const inUrl = urlPassword(value);
      if (inUrl && !isInterpolated(inUrl.password) && !isPlaceholderValue(inUrl.password)) {
        ctx.fail(at, area ? 'inSample' : 'urlCredential', { ...data, masked: maskSecret(inUrl.password), ...(area ? { area } : {}) });
        continue;
      }
      // `DATABASE_PASSWORD: /run/secrets/db-password` points at a Docker secret; `<password>`, `your-token` are stand-ins.
      if (!isCredentialName(variable.name) || isInterpolated(value) || NOT_A_SECRET_VALUE.test(value) || isPlaceholderValue(value) || isSecretFile(variable.name, value)) continue;
      if (area && !isDefaultCredential(value)) ctx.fail(at, 'inSample', { ...data, masked: maskSecret(value), area });
      else ctx.fail(at, isDefaultCredential(value) ? 'defaultCredential' : 'literalSecret', { ...data, masked: maskSecret(value) });
    }
    for (const { key, option, value } of passwordArgumentsOf(service)) {
      // Any $ is compose interpolation or, as $$VAR, a variable of the container's shell: not a literal (compose/secrets-in-command).
      if (!value.includes('$')) ctx.fail(service.at(key), 'commandSecret', { service: service.name, key, option, masked: maskSecret(value) });
    }
    const image = service.image === undefined ? undefined : parseImageRef(service.image);
    const admin = image && DEFAULT_ADMINS.find((candidate) => candidate.image.test(image.name.toLowerCase()));
    // Variables from env_file cannot be seen here: the check stays quiet rather than guess.
    if (admin && service.spec.env_file === undefined && !environment.some((variable) => admin.variables.includes(variable.name) && variable.value !== undefined && variable.value.trim() !== '')) {
      ctx.fail(service.location, 'defaultAdmin', { service: service.name, product: admin.product, login: admin.login, variable: admin.variables[0]! });
    }
  },
});
