import { z } from 'zod';
import { configSourcesIndex } from '../../targets/config/config-sources.js';
import { secretValueKind } from '../../targets/config/secret-values.js';
import { offsetIndex } from '../../targets/repo/offsets.js';
import { treeSecrets } from '../../targets/repo/tree-secrets.js';
import { HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { shannonEntropy } from '../../targets/secrets/entropy.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { defineCheck } from '../define.js';

/** Characters a token or key is made of (base64, base64url, hex, JWT dots). */
const TOKEN = /^[A-Za-z0-9+/=_\-.~]+$/;
/** Variables bundled into client code by design: NEXT_PUBLIC_*, VITE_*, REACT_APP_*, *_PUBLIC_KEY. */
const PUBLIC_NAME = /(?:^|_)PUBLIC(?:_|$)|^(?:VITE|REACT_APP|EXPO_PUBLIC|NUXT_PUBLIC|GATSBY)_/i;
/** Checksums and identifiers that are random by construction but not secret. */
const NOT_SECRET = [
  /^(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b?):/i, // digests: sha256:…
  /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i, // MD5/SHA-1/SHA-2 hex, git SHAs
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUIDs
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i, // host names, versions, dotted identifiers
  /^v?\d+(?:[.+_-][\w]+)*$/, // versions, numbers
  /^pk_(?:live|test)_[A-Za-z0-9]+$/, // Stripe publishable keys: sent to every browser by design
  // Stripe object ids (prices, products, customers, plans, accounts…): identifiers, not credentials
  /^(?:price|prod|plan|cus|sub|si|pi|pm|seti|cs|acct|ch|in|ii|txn|evt|po|tr|re|src|card|ba|file|sku|txr|cn|dp|coupon|promo)_[A-Za-z0-9]{8,}$/,
];

export const highEntropyAssignment = defineCheck({
  id: 'repo/high-entropy-assignment',
  title: 'Config files assign no random-looking tokens',
  severity: 'medium',
  target: 'config-file',
  why:
    'A long random string in an env, YAML, INI or properties file is almost always a key or token (an API key, a ' +
    'signing secret, a session key) even when its name does not say so: API_KEY is obvious, but so are DSN, APP_ID_SALT, ' +
    'the value of a vendor setting or a key pasted under the wrong name. Provider formats are left to ' +
    'repo/secret-in-tree and settings named like credentials to repo/credential-in-config; this check catches the rest ' +
    'by Shannon entropy, so it reports values a pattern list does not know.',
  fix: [
    'Move the value to the secret store and reference it; rotate it if it is a credential (it is in git history):',
    '',
    '    # .env.example                     # config.yaml',
    '    POSTHOG_PROJECT_KEY=               analytics_key: ${POSTHOG_PROJECT_KEY}',
    '',
    'If the value is public by design (a client-side analytics key, a public salt), suppress it on the line above with',
    '`# harden-ignore repo/high-entropy-assignment public client key`.',
  ].join('\n'),
  refs: [
    'OWASP Secrets Management Cheat Sheet: detection of secrets (entropy)',
    'CWE-798: Use of hard-coded credentials',
    'CWE-260: Password in configuration file',
  ],
  messages: {
    highEntropy: '{setting} holds a random-looking {length}-character value ({masked}): probably a key or token',
    publicValue:
      '{setting} is a client-side (public) variable holding a random-looking value ({masked}): fine for a publishable key, a leak for anything else',
  },
  claims: [
    {
      about: 'no random-looking tokens in config files', risk: true,
      names: [...HARDCODED_SECRET_NAMES, 'high entropy', 'high-entropy string*', ['API key*', 'config file*']],
      unless: HARDCODED_SECRET_UNLESS,
      messages: ['highEntropy'],
    },
    {
      about: 'no secrets in client-side variables', risk: true,
      names: [
        'NEXT_PUBLIC_',
        ['client-side', 'secret*'],
        ['client-side', 'API key*'],
        ['frontend', 'secret*'],
        ['browser bundle', 'secret*'],
        ['public env*', 'secret*'],
        ['bundle*', 'API key*'],
      ],
      messages: ['publicValue'],
    },
  ],
  options: z.object({
    /** Shortest value considered. */
    minLength: z.number().int().min(8).default(20),
    /** Bits per character above which a mixed-case/digit value counts as random. */
    minEntropy: z.number().min(1).max(6).default(4),
  }),
  async evaluate(file, ctx, options) {
    const sources = ctx.shared(configSourcesIndex).get(file.file);
    if (!sources) return;
    const candidates = sources.flatMap((source) =>
      source.entries.filter((entry) => typeof entry.value === 'string' && entry.value.length >= options.minLength),
    );
    if (candidates.length === 0) return;
    // Lines secretlint already reports (an AWS key, a connection string) are repo/secret-in-tree's.
    const matches = await ctx.shared(treeSecrets).scan(file);
    const positions = matches.length > 0 ? offsetIndex(file.text) : undefined;
    const reported = new Set(matches.map((match) => positions!.positionAt(match.offset).line));
    for (const entry of candidates) {
      const value = (entry.value as string).trim();
      if (reported.has(entry.line) || isCredentialName(entry.key)) continue;
      if (!looksRandom(value, options.minLength, options.minEntropy)) continue;
      const masked = maskSecret(value);
      const messageId = PUBLIC_NAME.test(entry.key) ? 'publicValue' : 'highEntropy';
      ctx.fail(file.at(entry.line, entry.column), messageId, { setting: entry.path, length: value.length, masked }, `${entry.path}: ${masked} (${shannonEntropy(value).toFixed(2)} bits/char)`);
    }
  },
});

function looksRandom(value: string, minLength: number, minEntropy: number): boolean {
  if (value.length < minLength || !TOKEN.test(value)) return false;
  if (NOT_SECRET.some((pattern) => pattern.test(value))) return false;
  if (secretValueKind(value) !== 'literal') return false;
  const hex = /^[0-9a-f]+$/i.test(value);
  // Random tokens mix letters and digits; words joined by dashes (honeydue-exports-prod) do not.
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (!hex && !(/[a-z]/.test(value) && /[A-Z]/.test(value)) && value.split(/[-_.]/).length > 2) return false;
  // Hex carries at most 4 bits per character; its threshold scales down accordingly.
  return shannonEntropy(value) >= (hex ? minEntropy - 1 : minEntropy);
}
