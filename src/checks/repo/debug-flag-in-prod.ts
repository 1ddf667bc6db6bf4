import { DEBUG_MODE_NAMES, DEBUG_MODE_UNLESS } from '../../targets/config/claims.js';
import { isCommittedDotEnv } from '../../targets/config/committed-env.js';
import { configSourcesIndex, inNonProductionSection, type ConfigEnvironment } from '../../targets/config/config-sources.js';
import type { ConfigEntry } from '../../targets/config/entries.js';
import { traefikFilesIndex } from '../../targets/config/traefik-file.js';
import { secretValueKind } from '../../targets/config/secret-values.js';
import { gitIgnored } from '../../targets/repo/git-ignored.js';
import { REDIS_AUTH_NAMES, REDIS_AUTH_UNLESS } from '../../targets/net/claims.js';
import { EMPTY_PASSWORD_NAMES, SECRET_FALLBACK_NAMES } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { isTemplateToken } from '../../targets/secrets/placeholders.js';
import { defineCheck } from '../define.js';

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const NON_WORD = /[^A-Z0-9]+/g;
const EXPANSION = /[$`]/;
const FIXED_NAME = /FIXED|STATIC|MAGIC|MASTER|TEST_/;
const CODE = /^\d{4,}/;
const TRAEFIK_OWN = /^insecureSkipVerify$/i;

/** A setting's name as UPPER_SNAKE words: `debugFixedCodes` → `DEBUG_FIXED_CODES`. */
function snake(key: string): string {
  return key.replace(CAMEL_BOUNDARY, '$1_$2').toUpperCase().replace(NON_WORD, '_');
}

/** Debug mode: `DEBUG`, `APP_DEBUG`, `FLASK_DEBUG`, `debug`. */
const DEBUG = /(?:^|_)DEBUG(?:_MODE)?$/;
/** A run mode set to debug or development: `GIN_MODE=debug`, `APP_MODE: development`, `FLASK_ENV=development`. */
const MODE = /(?:^|_)(?:MODE|ENV)$/;
const DEBUG_MODE_VALUES = new Set(['debug', 'development', 'dev']);
/** Settings that switch a security control off when true. */
const BYPASS = [
  /(?:^|_)FIXED_(?:CODES?|OTPS?|PASSWORDS?|PINS?)$/,
  /(?:^|_)(?:STATIC|MAGIC|TEST|MASTER)_(?:OTPS?|CODES?|PINS?)$/,
  /(?:^|_)SKIP_(?:[A-Z0-9]+_)*(?:VERIFICATION|VERIFY|AUTH|AUTHENTICATION|CAPTCHA|2FA|MFA|OTP|SIGNATURE|CSRF)(?:_[A-Z0-9]+)*$/,
  /(?:^|_)(?:DISABLE|DISABLED|NO|BYPASS)_(?:[A-Z0-9]+_)*(?:AUTH|AUTHENTICATION|AUTHORIZATION|CSRF|CAPTCHA|2FA|MFA|OTP|RATE_LIMIT|RATELIMIT|SIGNATURE_CHECK|TLS_VERIFY|SSL_VERIFY|VERIFICATION)$/,
  /(?:^|_)(?:AUTH|AUTHENTICATION|CSRF|CAPTCHA|MFA|2FA|VERIFICATION)_(?:DISABLED|BYPASS)$/,
  /(?:^|_)(?:ALLOW_INSECURE|INSECURE_SKIP_TLS_VERIFY|TLS_INSECURE|INSECURE_SKIP_VERIFY)$/,
];
/** Settings that switch a security control off when false. */
const REQUIRED_ON = /^(?:[A-Z0-9]+_)*(?:AUTH|AUTHENTICATION|CSRF|CAPTCHA|MFA|2FA|EMAIL_VERIFICATION|TLS_VERIFY|SSL_VERIFY|VERIFY_SSL|VERIFY_TLS|VERIFY_CERTS?)(?:_ENABLED|_REQUIRED|_ENFORCED)?$/;
const TRUE = new Set(['true', '1', 'yes', 'on', 'enabled', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'disabled', 'n']);
/** Passwords a service runs without when empty (a blank API token is just unset). */
const PASSWORD_WORD = /PASSWORD|PASSWD|REQUIREPASS|(?:^|_)PASS$/;

function truthy(value: ConfigEntry['value']): boolean {
  return value === true || (typeof value === 'number' && value !== 0) || (typeof value === 'string' && TRUE.has(value.trim().toLowerCase()));
}

function falsy(value: ConfigEntry['value']): boolean {
  return value === false || value === 0 || (typeof value === 'string' && FALSE.has(value.trim().toLowerCase()));
}

export const debugFlagInProd = defineCheck({
  id: 'repo/debug-flag-in-prod',
  title: 'Production configs enable no debug mode, auth bypass or fallback secret',
  severity: 'critical',
  target: 'repo-file',
  why:
    'Debug and QA switches are written to be convenient, not safe: fixed verification codes (every emailed code is ' +
    '123456) let anyone who knows an email address take over the account, `SKIP_EMAIL_VERIFICATION` / `DISABLE_AUTH` ' +
    'remove the control outright, debug mode serves stack traces, settings and sometimes an interactive console, and a ' +
    'placeholder `SECRET_KEY: change-me` signs sessions with a key every reader of the repository knows. An empty ' +
    'password in a production config usually means the service runs without authentication. This check reads config ' +
    'files and ConfigMaps whose path, name, namespace or APP_ENV-style setting says production, and those with no ' +
    'environment marker at all (a committed config without one is what gets deployed). Files marked ' +
    'dev/test/local/example/ci/qa are not checked; a bare `.env` (the local file by convention) is checked for ' +
    'bypass switches only, and only when git keeps it (no `.gitignore` leaves it out): `DEBUG=true` there is local.',
  fix: [
    'Turn the switch off in the production config and make the deploy refuse anything else:',
    '',
    '    debug_fixed_codes: false',
    '    # scripts/03-deploy.sh',
    '    [[ "$(yq -r .app.debug_fixed_codes config/config.yaml)" == "false" ]] || { echo "fixed codes on" >&2; exit 1; }',
    '',
    'Remove fallback secrets: require the value from the environment (`: "${SECRET_KEY:?required}"`) instead of',
    'defaulting to a committed one, and give every datastore a password from a Secret.',
  ].join('\n'),
  refs: [
    'OWASP Top 10 2021 A05 Security Misconfiguration (debug features enabled in production)',
    'OWASP ASVS 4.0 14.3.2 (debug modes disabled in production) and 2.5.x / 2.7.x (authentication bypass)',
    'CWE-489: Active Debug Code; CWE-1188: Insecure Default Initialization; CWE-798: Hard-coded Credentials',
  ],
  messages: {
    debugEnabled: { text: '{source} ({environment}): {setting} turns debug mode on', severity: 'high' },
    debugMode: { text: '{source} ({environment}): {setting} = {value} runs the application in debug/development mode', severity: 'high' },
    bypassEnabled: '{source} ({environment}): {setting} = {value} bypasses a security control',
    controlDisabled: { text: '{source} ({environment}): {setting} = {value} switches a security control off', severity: 'high' },
    placeholderSecret: { text: '{source} ({environment}): {setting} is a placeholder or default secret ({masked}), known to every reader', severity: 'high' },
    emptyPassword: { text: '{source} ({environment}): {setting} is empty: the service runs without a password', severity: 'high' },
  },
  claims: [
    { about: 'debug off in production', names: DEBUG_MODE_NAMES, unless: DEBUG_MODE_UNLESS, messages: ['debugEnabled', 'debugMode'] },
    {
      about: 'no switch bypasses a security control', risk: true,
      names: [
        ['auth*', 'bypass*'],
        ['bypass*', 'flag*'],
        ['bypass*', 'verification'],
        ['bypass*', 'production'],
        ['fixed', 'verification code*'],
        ['fixed', 'OTP'],
        ['fixed', 'code*', 'email*'],
        ['hardcoded', 'OTP'],
        ['hardcoded', 'verification code*'],
        'magic code*',
        'backdoor',
        'SKIP_EMAIL_VERIFICATION',
        'DISABLE_AUTH',
        ['test mode', 'production'],
        ['CSRF protection', 'disabled'],
      ],
      messages: ['bypassEnabled', 'controlDisabled'],
    },
    {
      about: 'no placeholder secrets', risk: true,
      names: [...SECRET_FALLBACK_NAMES, ['SECRET_KEY', 'hardcoded'], ['default secret*'], ['well-known', 'secret*']],
      messages: ['placeholderSecret'],
    },
    { about: 'no service without a password', names: [...REDIS_AUTH_NAMES, ...EMPTY_PASSWORD_NAMES], unless: REDIS_AUTH_UNLESS, messages: ['emptyPassword'] },
  ],
  evaluate(file, ctx) {
    const sources = ctx.shared(configSourcesIndex).get(file.file);
    if (!sources) return ctx.notApplicable();
    let checked = false;
    // Traefik's own switches are repo/traefik-file-insecure's, with what they expose.
    const traefik = ctx.shared(traefikFilesIndex).has(file.file);
    for (const source of sources) {
      // A committed `.env`: a bypass switch in it ships; debug mode and placeholders are its local use.
      const bypassOnly = source.environment === 'non-production';
      if (bypassOnly && !isCommittedDotEnv(source, ctx.shared(gitIgnored))) continue;
      checked = true;
      const environment = bypassOnly ? 'committed .env' : describe(source.environment);
      for (const entry of source.entries) {
        if (inNonProductionSection(entry)) continue;
        if (traefik && TRAEFIK_OWN.test(entry.key)) continue;
        // A value a script computes at run time says nothing about the flag.
        if (source.computed && typeof entry.value === 'string' && EXPANSION.test(entry.value)) continue;
        const at = file.at(entry.line, entry.column);
        const name = snake(entry.key);
        const data = { source: source.label, environment, setting: entry.path, value: String(entry.value) };
        const evidence = `${entry.path}: ${String(entry.value)}`;
        if (bypassOnly && !BYPASS.some((pattern) => pattern.test(name)) && !REQUIRED_ON.test(name)) continue;
        if (DEBUG.test(name)) {
          if (truthy(entry.value)) ctx.fail(at, 'debugEnabled', data, evidence);
        } else if (MODE.test(name) && typeof entry.value === 'string' && DEBUG_MODE_VALUES.has(entry.value.trim().toLowerCase())) {
          ctx.fail(at, 'debugMode', data, evidence);
        } else if (BYPASS.some((pattern) => pattern.test(name))) {
          // A list of fixed codes is itself the bypass: shown masked.
          if (truthy(entry.value)) ctx.fail(at, 'bypassEnabled', data, evidence);
          else if (fixedCodeList(name, entry.value)) {
            const masked = maskSecret(String(entry.value));
            ctx.fail(at, 'bypassEnabled', { ...data, value: masked }, `${entry.path}: ${masked}`);
          }
        } else if (REQUIRED_ON.test(name)) {
          if (falsy(entry.value)) ctx.fail(at, 'controlDisabled', data, evidence);
        } else if (isCredentialName(entry.key)) {
          const kind = secretValueKind(entry.value);
          // `password: Password` is a label (a form, a translation), not a secret.
          // A template token (`REPLACE_LICENSE_KEY_HERE`) is substituted by a setup step before anything runs.
          if (kind === 'placeholder' && String(entry.value).toLowerCase() !== entry.key.toLowerCase() && !isTemplateToken(String(entry.value))) {
            const masked = maskSecret(String(entry.value));
            ctx.fail(at, 'placeholderSecret', { ...data, masked }, `${entry.path}: ${masked}`);
          } else if (kind === 'empty' && PASSWORD_WORD.test(name)) ctx.fail(at, 'emptyPassword', data, `${entry.path}: ""`);
        }
      }
    }
    if (!checked) ctx.notApplicable();
  },
});

/** `FIXED_CODES: "123456"`: a list of codes is as much a bypass as `true`. */
function fixedCodeList(name: string, value: ConfigEntry['value']): boolean {
  return FIXED_NAME.test(name) && (typeof value === 'number' ? value >= 1000 : typeof value === 'string' && CODE.test(value.trim()));
}

function describe(environment: ConfigEnvironment): string {
  return environment === 'production' ? 'production' : 'no environment marker, read as production';
}
