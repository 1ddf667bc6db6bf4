import { isCommandPosition, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** `htpasswd` and its flag words up to the first non-flag argument. */
const HTPASSWD = /(?<![\w./-])(?:\/[\w./-]*\/)?htpasswd(?=\s|$|["'`;|&)])((?:\s+-[A-Za-z0-9]+(?:\s+\d+)?)*)/g;
/** `openssl passwd` with its algorithm option, if any. */
const OPENSSL_PASSWD = /(?<![\w./-])(?:\/[\w./-]*\/)?openssl\s+passwd\b((?:\s+-\S+)*)/g;

const HTPASSWD_WEAK: Record<string, string> = { m: 'MD5 (apr1)', d: 'crypt (DES)', s: 'SHA-1', p: 'plain text' };
const OPENSSL_WEAK: Record<string, string> = { '-1': 'MD5-crypt', '-apr1': 'MD5 (apr1)', '-crypt': 'crypt (DES)', '-aixmd5': 'AIX MD5' };

export const htpasswdWeakHash = defineCheck({
  id: 'repo/htpasswd-weak-hash',
  title: 'Basic-auth password files use bcrypt',
  severity: 'medium',
  target: 'shell-script',
  why:
    'htpasswd hashes with MD5 (apr1) unless told otherwise, and -d (crypt), -s (SHA-1) and -p (plain) are weaker still: ' +
    'these are fast, unsalted or barely salted hashes that a GPU cracks at billions of guesses per second, so a leaked ' +
    'users file (a Secret, a ConfigMap, a backup) gives away the admin password. bcrypt (-B) is deliberately slow and ' +
    'tunable (-C). `openssl passwd -1/-apr1/-crypt` produce the same weak formats.',
  fix: [
    'Use bcrypt with a cost of at least 10, reading the password from stdin rather than the command line:',
    '',
    '    htpasswd -niB -C 12 "$ADMIN_USER" <<<"$ADMIN_PASSWORD" > "$WORK/users"',
    '',
    'For other tools: `openssl passwd -6` (SHA-512 crypt) or `mkpasswd -m bcrypt`.',
  ].join('\n'),
  refs: [
    'OWASP Password Storage Cheat Sheet (bcrypt, work factor >= 10)',
    'Apache httpd documentation: htpasswd (-B bcrypt, -C cost; MD5 is the default)',
    'CWE-916: Use of password hash with insufficient computational effort',
  ],
  messages: {
    htpasswdDefault: 'htpasswd without -B hashes with MD5 (apr1) by default',
    htpasswdWeak: 'htpasswd -{flag} hashes with {algorithm}',
    opensslWeak: 'openssl passwd {option} hashes with {algorithm}',
  },
  claims: [
    {
      about: 'basic-auth files use bcrypt',
      names: ['htpasswd', 'apr1', 'openssl passwd', ['basic auth*', 'bcrypt'], ['basic auth*', 'hash*'], ['basic-auth', 'bcrypt'], ['basic-auth', 'hash*'], ['basic auth*', 'MD5']],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!text.includes('htpasswd') && !text.includes('passwd')) return;
    for (const line of readShellScript(text).lines) {
      if (line.text.includes('htpasswd')) {
        for (const match of line.text.matchAll(HTPASSWD)) {
          if (!isCommandPosition(line.text, match.index)) continue;
          const flags = (match[1] ?? '').split(/\s+/).filter((word) => word.startsWith('-')).map((word) => word.slice(1)).join('');
          const { line: at, column } = line.positionAt(match.index);
          if (flags.includes('B') || flags.includes('2') || flags.includes('5')) continue;
          const weak = [...flags].find((flag) => flag in HTPASSWD_WEAK);
          if (weak) ctx.fail(script.at(at, column), 'htpasswdWeak', { flag: weak, algorithm: HTPASSWD_WEAK[weak]! });
          else ctx.fail(script.at(at, column), 'htpasswdDefault');
        }
      }
      if (line.text.includes('openssl')) {
        for (const match of line.text.matchAll(OPENSSL_PASSWD)) {
          if (!isCommandPosition(line.text, match.index)) continue;
          const options = (match[1] ?? '').trim().split(/\s+/);
          const weak = options.find((option) => option in OPENSSL_WEAK);
          if (!weak) continue;
          const { line: at, column } = line.positionAt(match.index);
          ctx.fail(script.at(at, column), 'opensslWeak', { option: weak, algorithm: OPENSSL_WEAK[weak]! });
        }
      }
    }
  },
});
