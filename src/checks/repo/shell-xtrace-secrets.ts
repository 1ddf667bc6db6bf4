import { XTRACE_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** `set -x`, `set -euxo pipefail`, `set -o xtrace`. */
const SET_XTRACE = /(?<=^|[\s;&|(])set\s+(?:-[A-Za-z]*x[A-Za-z]*\b|(?:-\S+\s+)*-o\s+xtrace\b)/;
const SHEBANG_XTRACE = /^#!\S*(?:\s+\S+)?\s+-[A-Za-z]*x/;
const XTRACE_OFF = /(?<=^|[\s;&|(])set\s+(?:\+[A-Za-z]*x|\+o\s+xtrace)\b/;
/** What makes a script handle secrets: creating Secrets, logging in, passing passwords or tokens. */
const HANDLES_SECRETS = /create\s+secret|--from-literal|\blogin\b|--password|--token|\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)[A-Z0-9_]*\b/;

export const shellXtraceSecrets = defineCheck({
  id: 'repo/shell-xtrace-secrets',
  title: 'Scripts that handle secrets do not trace their commands',
  severity: 'medium',
  target: 'shell-script',
  why:
    'xtrace (set -x, set -euxo pipefail, bash -x) prints every command after expansion to stderr, so ' +
    '`--from-literal=SECRET_KEY="$SECRET_KEY"`, `docker login -p "$TOKEN"` and every assignment of a password are ' +
    'written in clear to the terminal, the CI log and any log shipper that collects them. Masking in CI does not help ' +
    'once a value is transformed (base64, URL-encoded, part of a DSN).',
  fix: [
    'Drop the x from set (keep -euo pipefail), or trace only the part that needs it:',
    '',
    '    set -euo pipefail',
    '    set -x; helm template … ; { set +x; } 2>/dev/null',
    '',
    'and pass secrets through files or stdin rather than arguments.',
  ].join('\n'),
  refs: ['CWE-532: Insertion of sensitive information into log file', 'OWASP Logging Cheat Sheet: data to exclude', 'OWASP Secrets Management Cheat Sheet'],
  messages: {
    xtrace: 'xtrace is on ({how}) in a script that handles secrets: expanded commands print them',
  },
  claims: [{ about: 'no shell tracing with secrets', risk: true, names: XTRACE_SECRET_NAMES }],
  evaluate(script, ctx) {
    const text = script.text;
    if (!HANDLES_SECRETS.test(text)) return;
    const first = script.lines[0] ?? '';
    if (SHEBANG_XTRACE.test(first)) {
      ctx.fail(script.at(1), 'xtrace', { how: first.trim() });
      return;
    }
    if (!text.includes('set') && !text.includes('xtrace')) return;
    const lines = readShellScript(text).lines;
    // A script that turns tracing back off is taken to do so around its secrets.
    if (lines.some((line) => XTRACE_OFF.test(line.text))) return;
    for (const line of lines) {
      const match = SET_XTRACE.exec(line.text);
      if (!match) continue;
      const { line: at, column } = line.positionAt(match.index);
      ctx.fail(script.at(at, column), 'xtrace', { how: match[0] });
      return;
    }
  },
});
