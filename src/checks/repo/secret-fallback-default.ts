import { SECRET_FALLBACK_NAMES } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { redactSecrets } from '../../targets/secrets/redact.js';
import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** `${NAME:-default}` / `${NAME-default}` / `${NAME:=default}` with a non-empty default (nested braces one level deep). */
const FALLBACK = /\$\{([A-Za-z_]\w*)(:?[-=])((?:[^{}]|\{[^{}]*\})+)\}/g;

export const secretFallbackDefault = defineCheck({
  id: 'repo/secret-fallback-default',
  title: 'Scripts do not fall back to a default when a secret is unset',
  severity: 'medium',
  target: 'shell-script',
  why:
    '`SECRET_KEY="${SECRET_KEY:-change-me}"` or `${SECRET_KEY:-$(yq .app.secret_key config.yaml)}` quietly replaces a ' +
    'missing secret with a value everyone who can read the repository knows (or with an empty one from a committed ' +
    'config): forget to export it once and production signs sessions with the placeholder. A required secret must be ' +
    'required.',
  fix: [
    'Make the variable mandatory instead of defaulting it:',
    '',
    '    : "${SECRET_KEY:?SECRET_KEY is required (1Password: app secret key)}"',
    '',
    'and keep no secret values, placeholders included, in committed config files.',
  ].join('\n'),
  refs: ['CWE-1188: Initialization of a resource with an insecure default', 'CWE-798: Use of hard-coded credentials', 'OWASP Secrets Management Cheat Sheet'],
  messages: {
    fallback: '{variable} falls back to {fallback} when it is unset',
  },
  claims: [{ about: 'no fallback for a missing secret', risk: true, names: SECRET_FALLBACK_NAMES }],
  evaluate(script, ctx) {
    if (!script.text.includes('${')) return;
    for (const line of readShellScript(script.text).lines) {
      if (!line.text.includes('${')) continue;
      for (const match of line.text.matchAll(FALLBACK)) {
        const variable = match[1]!;
        const fallback = match[3]!.replace(/^["']|["']$/g, '');
        if (!isCredentialName(variable) || fallback.trim() === '' || /^\$\{?[A-Za-z_]\w*\}?$/.test(fallback)) continue;
        // A command substitution is shown as written (it names where the value comes from); a literal is masked.
        const shown = fallback.startsWith('$(') || fallback.startsWith('`') ? redactSecrets(fallback).slice(0, 80) : `"${maskSecret(fallback)}"`;
        const { line: at, column } = line.positionAt(match.index);
        ctx.fail(script.at(at, column), 'fallback', { variable, fallback: shown });
      }
    }
  },
});
