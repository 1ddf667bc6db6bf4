import { offsetIndex } from '../../targets/repo/offsets.js';
import { treeSecrets } from '../../targets/repo/tree-secrets.js';
import { COMMITTED_SECRET_NAMES, HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isDefaultCredential } from '../../targets/secrets/credential-names.js';
import { maskSecret, maskValue } from '../../targets/secrets/mask.js';
import { redactSecrets } from '../../targets/secrets/redact.js';
import { sampleAreaOf } from '../../targets/secrets/sample-paths.js';
import type { SecretMatch } from '../../targets/secrets/secretlint.js';
import { defineCheck } from '../define.js';

/** Human names of secretlint's message ids (recommended preset 11.x). */
const LABELS: Record<string, string> = {
  AWSAccessKeyID: 'AWS access key ID',
  AWSSecretAccessKey: 'AWS secret access key',
  AWSAccountID: 'AWS account ID',
  PrivateKey: 'private key',
  PrivateKeyP12: 'GCP service account key (P12)',
  PrivateKeyJSON: 'GCP service account key (JSON)',
  PackageJSON_xOauthToken: 'npm OAuth token in package.json',
  Npmrc_authToken: 'npm auth token in .npmrc',
  NPM_ACCESS_TOKEN: 'npm access token',
  SLACK_TOKEN: 'Slack token',
  IncomingWebhook: 'Slack incoming webhook URL',
  BasicAuth: 'basic-auth password in a URL',
  OPENAI_TOKEN: 'OpenAI API key',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  LINEAR_API_TOKEN: 'Linear API key',
  SENDGRID_KEY: 'SendGrid API key',
  SHOPIFY_KEY: 'Shopify token',
  GITHUB_TOKEN: 'GitHub token',
  OPS_TOKEN: '1Password service account token',
  MongoDBConnection: 'MongoDB connection string password',
  MySQLConnection: 'MySQL connection string password',
  PostgreSQLConnection: 'PostgreSQL connection string password',
  URLPassword: 'password in a URL',
  StripeSecretKey: 'Stripe secret key',
};

/** How much of the line before the secret the evidence keeps (the variable name, the URL's user). */
const EVIDENCE_PREFIX_CHARS = 60;

export const secretInTree = defineCheck({
  id: 'repo/secret-in-tree',
  title: 'No credentials are committed in the repository tree',
  severity: 'critical',
  target: 'repo-file',
  why:
    'Anything committed is readable by everyone with read access to the repository, every fork and clone, every CI ' +
    'runner and every image built from the tree, and stays in git history after the file is deleted. A committed cloud ' +
    'key, token, webhook, private key or database password is a leaked credential: the only fix is to revoke and ' +
    'rotate it. Detection uses the secretlint recommended rule set (AWS, GCP, private keys, GitHub, Slack, npm, ' +
    'OpenAI, Anthropic, SendGrid, Shopify, Linear, 1Password, passwords in connection strings and URLs) and Stripe ' +
    'live secret keys. Stand-ins (`<password>`, `YOUR_API_KEY`, `AKIA…EXAMPLE`, `invalid`) pass; in tests, examples, ' +
    'demos and docs a credential is reported at medium.',
  fix: [
    'Revoke and rotate the credential first (it is in git history), then remove it from the file and load it at run time:',
    '',
    '    # .env.example (committed, empty values)         .gitignore',
    '    AWS_ACCESS_KEY_ID=                                .env',
    '    AWS_SECRET_ACCESS_KEY=                            .env.*',
    '    DATABASE_URL=                                     !.env.example',
    '',
    'Keep the real values in a secret manager (1Password, Vault, SOPS, a Kubernetes Secret created from it) and inject them',
    'at deploy time; purge the history with git filter-repo only after rotating. A value that is a deliberate public test',
    'fixture can be suppressed with `# harden-ignore repo/secret-in-tree reason` on the line above.',
  ].join('\n'),
  refs: [
    'OWASP Secrets Management Cheat Sheet',
    'OWASP Top 10 2021 A07 (identification and authentication failures): hard-coded credentials',
    'CWE-798: Use of hard-coded credentials',
    'CIS Docker Benchmark 4.10 (do not store secrets in Dockerfiles)',
    'secretlint @secretlint/secretlint-rule-preset-recommend',
    'trivy secret scanning',
  ],
  messages: {
    token: '{kind} committed: {masked}',
    urlPassword: '{kind} committed: {masked}',
    privateKey: '{kind} committed ({masked})',
    inSample: { text: '{kind} committed in a {area} file, reported at medium (not critical) in tests, examples and docs: {masked}', severity: 'medium' },
  },
  claims: [{ about: 'no credentials committed', risk: true, names: [...HARDCODED_SECRET_NAMES, ...COMMITTED_SECRET_NAMES], unless: HARDCODED_SECRET_UNLESS }],
  async evaluate(file, ctx) {
    const matches = await ctx.shared(treeSecrets).scan(file);
    if (matches.length === 0) return;
    const offsets = offsetIndex(file.text);
    let previous: { line: number; endColumn: number } | undefined;
    const area = sampleAreaOf(file.file);
    for (const match of matches) {
      if (isLocalDefault(file.text, match)) continue;
      const { line, column } = offsets.positionAt(match.offset);
      const kind = LABELS[match.messageId] ?? `${match.rule} secret (${match.messageId})`;
      const masked = maskedOf(match);
      // The evidence starts after an earlier secret on the same line, so it never shows that one.
      const from = previous?.line === line ? Math.min(previous.endColumn, column) : 1;
      const lineStart = match.offset - (column - 1);
      const details = evidence(file.text, lineStart + from - 1, match, matches);
      if (area) ctx.fail(file.at(line, column), 'inSample', { kind, masked, area }, details);
      else ctx.fail(file.at(line, column), messageIdOf(match), { kind, masked }, details);
      previous = { line, endColumn: column + match.value.length };
    }
  },
});

/**
 * `postgres://postgres:postgres@localhost/test`: a well-known default password for a
 * throwaway local service (a CI service container, a dev database), not a leaked credential.
 */
function isLocalDefault(text: string, match: SecretMatch): boolean {
  if (match.kind !== 'url-password' || !isDefaultCredential(match.value)) return false;
  const host = /^@([^:/?#\s'"]+)/.exec(text.slice(match.offset + match.value.length, match.offset + match.value.length + 260))?.[1];
  return host !== undefined && LOCAL_HOSTS.has(host.toLowerCase());
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

function maskedOf(match: SecretMatch): string {
  if (match.kind === 'private-key') {
    // The armour line names the key type and is not secret; the body is.
    const header = /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.exec(match.value);
    return header ? header[0] : maskSecret(match.value);
  }
  return match.kind === 'token' ? maskValue(match.value) : maskSecret(match.value);
}

function messageIdOf(match: SecretMatch): 'token' | 'urlPassword' | 'privateKey' {
  if (match.kind === 'private-key') return 'privateKey';
  return match.kind === 'url-password' ? 'urlPassword' : 'token';
}

/**
 * The line up to the secret, then the masked secret; nothing after it. The part before it is
 * masked (other secrets on the line, passwords of `-u user:pass`, assignments) before it is cut
 * to its last characters, so the cut cannot hide a secret from the masking.
 */
function evidence(text: string, from: number, match: SecretMatch, all: readonly SecretMatch[]): string {
  let before = '';
  let at = from;
  for (const other of all) {
    if (other.offset < at || other.offset >= match.offset) continue;
    before += text.slice(at, other.offset) + maskedOf(other);
    at = other.offset + other.value.length;
  }
  if (at < match.offset) before += text.slice(at, match.offset);
  before = redactSecrets(before).trimStart();
  const prefix = before.length > EVIDENCE_PREFIX_CHARS ? `…${before.slice(-EVIDENCE_PREFIX_CHARS)}` : before;
  return prefix + maskedOf(match);
}
