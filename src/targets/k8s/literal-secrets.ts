import { maskSecret, maskUrlPassword, urlPassword } from '../secrets/mask.js';
import { isCredentialName } from '../secrets/credential-names.js';
import { isPlaceholderValue } from '../secrets/placeholders.js';

/**
 * Secrets written literally into a pod spec: environment values and command lines.
 * Everything here is synchronous and regex-based (compiled once), cheap enough to run on
 * every container of a large repository.
 */

/** A credential recognised by its shape, whatever the variable or flag is called. */
export interface CredentialMatch {
  /** Human wording: "a private key", "an AWS access key id", "a password in a URL", ... */
  readonly kind: string;
  /** Safe to print: the first 4 characters of the secret, or the URL with its password masked. */
  readonly masked: string;
}

interface CredentialPattern {
  kind: string;
  pattern: RegExp;
  mask(match: RegExpExecArray): string;
}

const maskWhole = (match: RegExpExecArray) => maskSecret(match[0]);

const CREDENTIAL_PATTERNS: CredentialPattern[] = [
  // Three or more dashes: some tools (and Polaris' fixture) shorten the PEM armour.
  { kind: 'a private key', pattern: /-{3,}\s*BEGIN\s+(?:[A-Z0-9]+\s+)*PRIVATE\s+KEY(?:\s+BLOCK)?\s*-{3,}/, mask: () => '-----BEGIN … PRIVATE KEY-----' },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, mask: maskWhole },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/, mask: maskWhole },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, mask: maskWhole },
  { kind: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/, mask: (m) => `https://hooks.slack.com/services/${maskSecret(m[0].slice('https://hooks.slack.com/services/'.length))}` },
  { kind: 'a Stripe secret key', pattern: /\b[rs]k_live_[A-Za-z0-9]{16,}/, mask: maskWhole },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, mask: maskWhole },
  {
    kind: 'a password in a URL',
    // scheme://user:password@host; a password that is a reference ($(VAR), ${VAR}, {{ }}) is not a literal.
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]*:(?![$<{])[^\s@/'"]+@[^\s'"]+/i,
    mask: (m) => maskUrlPassword(m[0]),
  },
];

/** The first credential recognisable by its shape in `text`. */
export function credentialIn(text: string): CredentialMatch | undefined {
  for (const { kind, pattern, mask } of CREDENTIAL_PATTERNS) {
    const match = pattern.exec(text);
    // `mysql://invalid:invalid@localhost`, `postgres://u:<password>@db`: a stand-in, not a credential.
    const password = kind === 'a password in a URL' && match ? urlPassword(match[0])?.password : undefined;
    if (match && !(password !== undefined && isPlaceholderValue(password))) return { kind, masked: mask(match) };
  }
  return undefined;
}

/** `$(VAR)` (Kubernetes), `${VAR}` / `$VAR` (shell, envsubst), `{{ ... }}` (Helm), `<...>`: filled in later, not a literal. */
const REFERENCE = /\$\(|\$\{|\$[A-Za-z_]|\{\{|^<[^>]*>$/;
/** Tokens a deploy script substitutes (`sed s/DB_PASSWORD_PLACEHOLDER/...`). */
const SUBSTITUTED = /^[A-Z0-9_]*PLACEHOLDER[A-Z0-9_]*$|^(?:REPLACE[_-]?ME|REPLACEME|TO[_-]?BE[_-]?REPLACED)$/i;
const NOT_A_SECRET = /^(?:true|false|yes|no|on|off|null|none|enabled|disabled)$/i;

/**
 * Whether a value is a secret written in the manifest itself: not empty, not a
 * reference or a template filled in at deploy time, not a path to a file holding it,
 * not a flag word. Defaults like "changeme" count: they ship when nobody replaces them.
 */
export function isLiteralSecretValue(value: string): boolean {
  const trimmed = value.trim();
  return trimmed !== '' && !REFERENCE.test(trimmed) && !SUBSTITUTED.test(trimmed) && !NOT_A_SECRET.test(trimmed) && !trimmed.startsWith('/') && !isPlaceholderValue(trimmed);
}

/** A secret-bearing flag on a command line: `--password=x`, `--token x`, `-p<password>` after mysql. */
export interface SecretFlag {
  readonly flag: string;
  readonly masked: string;
}

/** Flag names whose value is a secret though the name does not say PASSWORD/TOKEN/... */
const SECRET_FLAGS = new Set(['requirepass', 'masterauth', 'storepass', 'keypass']);
/** `--no-password`, `--ask-password`: switches about a secret, not secrets. */
const SWITCH_PREFIX = /^(?:no|skip|ask|prompt|disable|enable|without|with|require|allow|use)[-_.]/i;
const FLAG = /^--?([A-Za-z][\w.-]*)$/;
const FLAG_WITH_VALUE = /(?:^|\s)(--?[A-Za-z][\w.-]*)=(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/g;
const FLAG_THEN_WORD = /(?:^|\s)(--?[A-Za-z][\w.-]*)\s+(?:'([^']*)'|"([^"]*)"|([^\s'"-][^\s'"]*))/g;
const MYSQL = /(?:^|[\s/])mysql(?:dump|admin|import|sh|check|pump|slap)?(?:\s|$)/;
const MYSQL_PASSWORD = /(?:^|\s)-p([^\s'"]+)/g;

export function isSecretFlagName(flag: string): boolean {
  const name = flag.replace(/^-+/, '');
  if (SWITCH_PREFIX.test(name)) return false;
  return SECRET_FLAGS.has(name.toLowerCase()) || isCredentialName(name);
}

/** Secret flags in a command line given as the exec-form list of `command` or `args`. */
export function secretFlagsIn(list: readonly string[]): { index: number; flag: SecretFlag }[] {
  const found: { index: number; flag: SecretFlag }[] = [];
  const mysql = list.some((word) => MYSQL.test(` ${word} `));
  list.forEach((word, index) => {
    // mysql -p<password>: attached, no space, no `=`.
    if (mysql) {
      MYSQL_PASSWORD.lastIndex = 0;
      for (let match = MYSQL_PASSWORD.exec(word); match; match = MYSQL_PASSWORD.exec(word)) {
        if (isLiteralSecretValue(match[1]!)) found.push({ index, flag: { flag: '-p', masked: maskSecret(match[1]!) } });
      }
    }
    // ["--password", "hunter2"]: the value is the next element.
    const alone = FLAG.exec(word);
    if (alone) {
      const next = list[index + 1];
      if (next !== undefined && !next.startsWith('-') && isSecretFlagName(word) && isLiteralSecretValue(next))
        found.push({ index: index + 1, flag: { flag: word, masked: maskSecret(next) } });
      return;
    }
    // "--password=hunter2", or inside a shell string: "sh -c 'tool --token abc'".
    for (const pattern of [FLAG_WITH_VALUE, FLAG_THEN_WORD]) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(word); match; match = pattern.exec(word)) {
        const flag = match[1]!;
        const value = match[2] ?? match[3] ?? match[4] ?? '';
        if (isSecretFlagName(flag) && isLiteralSecretValue(value)) found.push({ index, flag: { flag, masked: maskSecret(value) } });
      }
    }
  });
  return found;
}
