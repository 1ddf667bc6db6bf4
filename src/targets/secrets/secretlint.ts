import { lintSource } from '@secretlint/core';
import { creator as patternRule } from '@secretlint/secretlint-rule-pattern';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { urlPassword } from './mask.js';
import { isPlaceholderValue } from './placeholders.js';

/**
 * The only module that imports @secretlint/*: secretlint's recommended preset (AWS,
 * GCP, private keys, GitHub, Slack, npm, OpenAI, Anthropic, SendGrid, Shopify,
 * Linear, 1Password, basic auth in http URLs, database connection strings) run
 * as a library on one file's text.
 */

/** What kind of secret a match is; decides how it is masked and reported. */
export type SecretKind = 'private-key' | 'url-password' | 'token';

export interface SecretMatch {
  /** Short secretlint rule name: `aws`, `slack`, `database-connection-string`, `url-password`, ... */
  rule: string;
  /** secretlint's message id: `AWSAccessKeyID`, `IncomingWebhook`, `PostgreSQLConnection`, ... */
  messageId: string;
  kind: SecretKind;
  /** Offset of the secret value itself (the password of a URL, not the URL) in the text. */
  offset: number;
  /** The raw secret value: callers mask it before it goes anywhere. */
  value: string;
}

const RULE_PREFIX = '@secretlint/secretlint-rule-';

/**
 * Passwords in URLs of schemes the preset does not cover (it covers http(s)/ftp basic
 * auth, postgres, mysql and mongodb): `redis://:pw@redis:6379/0`, `amqp://app:pw@mq`.
 * A password starting with `$` or `{` is an interpolation, not a value.
 */
const URL_PASSWORD_PATTERN =
  "/\\b(?:rediss?|redis-sentinel|amqps?|mqtts?|ldaps?|smtps?|nats|sftp|mssql|sqlserver|clickhouse|cassandra|neo4j(?:\\+s)?|bolt|memcached?)://[^\\s:@/'\"`]*:[^\\s@/'\"`$<>{}]{4,}@[^\\s'\"`]+/gi";

/** Stripe secret and restricted keys of live mode (`sk_live_…`, `rk_live_…`); publishable `pk_live_…` keys are public by design. */
const STRIPE_SECRET_PATTERN = '/\\b[rs]k_live_[A-Za-z0-9]{20,}\\b/g';
const STRIPE_TRIGGER = /[rs]k_live_/;

/** Placeholder passwords in URLs of examples and docs. */
const PLACEHOLDER_PASSWORD = /^(?:pass(?:word|wd)?|secret|changeme|change-me|redacted|\*+|x+|\.\.\.|…)$/i;

type LintOptions = Parameters<typeof lintSource>[0]['options'];

/** Built once: every scan reuses the same rule objects and options. */
const OPTIONS: LintOptions = {
  maskSecrets: false,
  noPhysicFilePath: true,
  config: {
    rules: [
      {
        id: `${RULE_PREFIX}preset-recommend`,
        rule: recommendedPreset,
        // The access key id (AKIA…) alone is opt-in in the preset; a committed id is half of a key pair.
        rules: [{ id: `${RULE_PREFIX}aws`, options: { enableIDScanRule: true } }],
      },
      {
        id: `${RULE_PREFIX}pattern`,
        rule: patternRule,
        options: {
          patterns: [
            { name: 'url-password', patterns: [URL_PASSWORD_PATTERN] },
            { name: 'stripe-secret-key', patterns: [STRIPE_SECRET_PATTERN] },
          ],
        },
      },
    ],
  },
};

/**
 * What each preset rule needs to see before it can match: a file with none of these is
 * not handed to secretlint at all (its fixed cost is ~1 ms a file). Read from the rules'
 * own patterns in 11.7; a preset with a rule not listed here turns the filter off.
 */
const URL_WITH_PASSWORD = /:\/\/[^\s/@:]*:[^\s@]*@/;
const RULE_TRIGGERS: Record<string, RegExp[]> = {
  aws: [/(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}/, /secret_?access_?key|account_?id/i],
  gcp: [/PRIVATE KEY/],
  privatekey: [/PRIVATE KEY/],
  npm: [/_authToken|npm_[A-Za-z0-9_]{36}|x-oauth-basic/],
  basicauth: [URL_WITH_PASSWORD],
  slack: [/\bx(?:ox[bpaor]|app)-/, /hooks\.slack\.com/i],
  sendgrid: [/SG\.\w/],
  shopify: [/shp(?:pa|ca|at|ss)_/],
  github: [/gh[pousr]_[A-Za-z0-9_]{36}|github_pat_/],
  openai: [/T3BlbkFJ/],
  anthropic: [/sk-ant-api0/],
  linear: [/lin_api_/],
  '1password': [/ops_ey/],
  // It reports only URLs with a password in their userinfo, as does the url-password pattern.
  'database-connection-string': [URL_WITH_PASSWORD],
  'filter-comments': [],
};

const TRIGGERS: RegExp[] | undefined = (() => {
  const ids = recommendedPreset.rules.map((rule) => rule.meta.id.replace(RULE_PREFIX, ''));
  if (ids.some((id) => !(id in RULE_TRIGGERS))) return undefined;
  return [...new Set(ids.flatMap((id) => RULE_TRIGGERS[id]!)), STRIPE_TRIGGER];
})();

/** Whether secretlint could find anything in this text (false means: certainly nothing). */
export function mayHoldSecrets(text: string): boolean {
  return TRIGGERS === undefined || TRIGGERS.some((trigger) => trigger.test(text));
}

/** Keys of secretlint's message data that hold the credential, most specific first. */
const VALUE_KEYS = ['KEY', 'TOKEN', 'CREDENTIAL', 'URI', 'URL', 'ID'];

/** Every secret secretlint finds in one file's text, in text order. */
export async function scanSecrets(text: string, file: string): Promise<SecretMatch[]> {
  if (!mayHoldSecrets(text)) return [];
  const result = await lintSource({ source: { content: text, filePath: file, contentType: 'text' }, options: OPTIONS });
  const matches: SecretMatch[] = [];
  for (const message of result.messages) {
    const match = toMatch(text, message.ruleId, message.messageId, message.range, message.data);
    if (match) matches.push(match);
  }
  return matches.sort((a, b) => a.offset - b.offset);
}

function toMatch(text: string, ruleId: string, messageId: string, range: readonly [number, number], data: unknown): SecretMatch | undefined {
  const rule = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
  const [start, end] = range;
  const values = (data ?? {}) as Record<string, unknown>;
  let value = text.slice(start, end);
  let offset = start;
  for (const key of VALUE_KEYS) {
    const candidate = values[key];
    if (typeof candidate !== 'string' || candidate === '') continue;
    // The range of some rules starts at the variable name (`AWS_SECRET_ACCESS_KEY=…`): find the value itself.
    const at = text.indexOf(candidate, start);
    if (at >= 0 && at < Math.max(end, start + 1)) {
      value = candidate;
      offset = at;
    }
    break;
  }
  const isPattern = rule === 'pattern';
  if (isPattern && values.PATTERN_NAME === 'stripe-secret-key') {
    return isPlaceholderValue(value) ? undefined : { rule: 'stripe', messageId: 'StripeSecretKey', kind: 'token', offset, value };
  }
  if (/private-?key/i.test(rule)) return { rule, messageId, kind: 'private-key', offset, value };
  const password = urlPassword(value);
  if (password) {
    if ((isPattern && PLACEHOLDER_PASSWORD.test(password.password)) || isPlaceholderValue(password.password)) return undefined;
    return { rule: isPattern ? 'url-password' : rule, messageId: isPattern ? 'URLPassword' : messageId, kind: 'url-password', offset: offset + password.offset, value: password.password };
  }
  if (isPattern || isPlaceholderValue(value)) return undefined;
  return { rule, messageId, kind: 'token', offset, value };
}
