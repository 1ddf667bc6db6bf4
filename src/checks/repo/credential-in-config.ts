import { isCommittedDotEnv } from '../../targets/config/committed-env.js';
import { configSourcesIndex, inNonProductionSection } from '../../targets/config/config-sources.js';
import { literalUrlPassword, secretValueKind } from '../../targets/config/secret-values.js';
import { gitIgnored } from '../../targets/repo/git-ignored.js';
import { CONFIGMAP_SECRET_NAMES, HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret, maskValue } from '../../targets/secrets/mask.js';
import { defineCheck } from '../define.js';

const WEBHOOK_KEY = /webhook/i;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const ANY_URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@/i;

const SINGLE_EXPANSION = /^\$\{?[A-Za-z_]\w*\}?$/;

/** A script's expansion (`${REDIS_PASSWORD}`) names a variable and is shown; a literal is masked. */
function shown(value: string): string {
  return SINGLE_EXPANSION.test(value) ? value : maskSecret(value);
}
/** A webhook URL whose path carries its secret (Slack, Discord, Teams, generic tokens of 16+ characters). */
const WEBHOOK_URL = /^https?:\/\/[^/\s]+\/\S*[A-Za-z0-9_-]{16,}/;

export const credentialInConfig = defineCheck({
  id: 'repo/credential-in-config',
  title: 'Config files and ConfigMaps carry no credentials',
  severity: 'high',
  target: 'repo-file',
  why:
    'A ConfigMap is not a Secret: it is readable by anyone with `get configmaps` (far more roles than `get secrets`), ' +
    'printed in full by `kubectl describe`, never encrypted at rest, and copied into every pod environment that loads it. ' +
    'A committed config file (`config.yaml`, `.env.production`, `settings.ini`) is worse: everyone who can read the ' +
    'repository, its forks and its history has the credential. This check reads the settings of config files and ' +
    'ConfigMaps (including those a script creates with `kubectl create configmap --from-literal`) and reports connection URLs with a password in their userinfo (`redis://:pw@`, `postgres://u:pw@`), ' +
    'settings named like a credential (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`) with a literal value, ' +
    'webhook URLs and PEM private keys. Empty values, interpolations (`${VAR}`), file paths and secret-manager references pass; placeholder ' +
    'values (`change-me`) are left to repo/debug-flag-in-prod. Files marked dev/test/local/example by their path or ' +
    'name are not checked (the tree-wide secret scan still covers real key formats there). A bare `.env` is checked ' +
    'unless a `.gitignore` leaves it out of git (then it is a local file, not a committed one). Values are masked.',
  fix: [
    'Move the value into a Secret and reference it; keep only non-secret parts in the config:',
    '',
    '    # ConfigMap                       # Secret (created by the setup script, never committed)',
    '    REDIS_ADDR: redis:6379            kubectl -n "$NS" create secret generic redis-auth \\',
    '                                        --from-file=password="$WORK/redis-password"',
    '',
    'In config files, name the variable the value comes from (`password: ${REDIS_PASSWORD}`) or leave it out.',
    'Rotate any credential that was committed: it stays in git history.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, ConfigMaps: "ConfigMap does not provide secrecy or encryption"',
    'CIS Kubernetes Benchmark 5.4.1 (prefer Secrets as files) and 5.4.2 (external secret storage)',
    'OWASP Secrets Management Cheat Sheet',
    'CWE-798: Use of Hard-coded Credentials; CWE-260: Password in Configuration File',
    'Polaris sensitiveConfigmapContent (ConfigMaps only)',
  ],
  messages: {
    urlPassword: '{source}: {setting} is a URL with a password in it ({masked})',
    credentialValue: '{source}: {setting} holds a literal credential ({masked})',
    webhookUrl: { text: '{source}: {setting} is a webhook URL, a bearer credential ({masked})', severity: 'medium' },
    privateKey: '{source}: {setting} holds a private key',
  },
  claims: [
    {
      about: 'no credentials in config files and ConfigMaps', risk: true,
      names: [
        ...HARDCODED_SECRET_NAMES,
        ...CONFIGMAP_SECRET_NAMES,
        ['config file*', 'credential*'],
        ['config file*', 'password*'],
        ['config file*', 'secret*'],
        ['connection string*', 'password*'],
        ['database URL', 'password*'],
        ['DSN', 'password*'],
        ['webhook URL*', 'commit*'],
        ['webhook URL*', 'config*'],
        ['private key*', 'config*'],
      ],
      unless: HARDCODED_SECRET_UNLESS,
    },
  ],
  evaluate(file, ctx) {
    const sources = ctx.shared(configSourcesIndex).get(file.file);
    if (!sources) return ctx.notApplicable();
    let checked = false;
    for (const source of sources) {
      if (source.environment === 'non-production' && !isCommittedDotEnv(source, ctx.shared(gitIgnored))) continue;
      checked = true;
      for (const entry of source.entries) {
        if (inNonProductionSection(entry)) continue;
        const at = file.at(entry.line, entry.column);
        const data = { source: source.label, setting: entry.path };
        const value = entry.value;
        if (typeof value === 'string' && PRIVATE_KEY.test(value)) {
          ctx.fail(at, 'privateKey', data, `${entry.path}: -----BEGIN … PRIVATE KEY----- (masked)`);
          continue;
        }
        if (typeof value === 'string' && source.computed) {
          // A ConfigMap a script creates: the script's variables end up in it, credentials included.
          const password = ANY_URL_PASSWORD.exec(value)?.[1];
          if (password) {
            const masked = value.replace(`:${password}@`, `:${shown(password)}@`);
            ctx.fail(at, 'urlPassword', { ...data, masked }, `${entry.path}: ${masked}`);
          } else if (isCredentialName(entry.key) && value.trim() !== '') {
            ctx.fail(at, 'credentialValue', { ...data, masked: shown(value) }, `${entry.path}: ${shown(value)}`);
          }
          continue;
        }
        if (typeof value === 'string') {
          const password = literalUrlPassword(value);
          if (password) {
            const masked = value.replace(`:${password}@`, `:${maskSecret(password)}@`);
            ctx.fail(at, 'urlPassword', { ...data, masked }, `${entry.path}: ${masked}`);
            continue;
          }
          if (WEBHOOK_KEY.test(entry.key) && WEBHOOK_URL.test(value)) {
            ctx.fail(at, 'webhookUrl', { ...data, masked: maskValue(value) }, `${entry.path}: ${maskValue(value)}`);
            continue;
          }
        }
        if ((typeof value === 'string' || typeof value === 'number') && isCredentialName(entry.key) && secretValueKind(value) === 'literal') {
          const masked = maskSecret(String(value));
          ctx.fail(at, 'credentialValue', { ...data, masked }, `${entry.path}: ${masked}`);
        }
      }
    }
    if (!checked) ctx.notApplicable();
  },
});
