import { isDefaultCredential } from '../secrets/credential-names.js';
import { isPlaceholderValue } from '../secrets/placeholders.js';

/**
 * What a config value under a credential-like name really is: a reference to a
 * secret kept elsewhere, a placeholder someone forgot to replace, or a literal.
 */
export type SecretValueKind = 'empty' | 'reference' | 'placeholder' | 'literal';

/** Interpolations and pointers: `${VAR}`, `$VAR`, `{{ .Values.x }}`, `%(x)s`, `<password>`, file paths, vault/SOPS/cloud secret refs. */
const REFERENCE = [
  /^\$\{[^}]+\}$/,
  /^\$[A-Za-z_]\w*$/,
  /\{\{.*\}\}/,
  /^%\(\w+\)s$/,
  /^%[sd]$/,
  /^<[^<>]+>$/,
  /^\/(?:run|var|etc|secrets|mnt|vault|opt|home)\//,
  /^\.{1,2}\//,
  /^(?:file|vault|env|secret|secretsmanager|ssm|awssm|gcpsm|azkv|op|ref\+[a-z]+):/i,
  /^arn:aws:(?:secretsmanager|ssm|kms):/,
  /^projects\/[^/]+\/secrets\//,
  /^ENC\[[A-Z0-9_]+,data:/,
  /^!(?:vault|secret|env)\b/,
  /^\*{3,}$/,
  /^x{3,}$/i,
  /^\.{3,}$/,
  /^(?:none|null|nil|undefined|n\/a|-)$/i,
];

/** Words that make a value a stand-in, not a secret: `change-me-in-production`, `your-api-key`, `dev-secret`. */
const PLACEHOLDER = /change[-_ ]?me|changeit|replace[-_ ]?(?:me|this)|placeholder|your[-_][a-z-_]*(?:key|token|secret|password)|^your[-_]|dummy|^fake[-_]|^dev[-_]?(?:secret|key|token|password)|^test[-_]?(?:secret|key|token|password)|insecure|not[-_]?a[-_]?secret|^todo\b|^fixme\b|^secret[-_]?key$|^s3cr3t$|example/i;

export function secretValueKind(value: string | number | boolean | null): SecretValueKind {
  if (value === null || value === '') return 'empty';
  if (typeof value === 'boolean') return 'reference';
  const text = String(value).trim();
  if (text === '') return 'empty';
  if (REFERENCE.some((pattern) => pattern.test(text))) return 'reference';
  if (PLACEHOLDER.test(text) || isDefaultCredential(text) || isPlaceholderValue(text)) return 'placeholder';
  return 'literal';
}

/** `scheme://user:password@host` with a literal or default password (not `${VAR}`, `<password>`, `***`, `invalid`). */
export function literalUrlPassword(value: string): string | undefined {
  const match = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@[^\s]/i.exec(value);
  if (!match) return undefined;
  const password = match[1]!;
  const kind = secretValueKind(password);
  return kind === 'literal' || (kind === 'placeholder' && !isPlaceholderValue(password)) ? password : undefined;
}
