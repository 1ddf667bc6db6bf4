import { isPrintedText, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** curl short options that take an argument: a `k` after one of them in a cluster is that argument. */
const CURL_ARG_OPTIONS = new Set([...'oudXHwebcAEKTxmyYzCrPQFDtU']);
/** Flags and variables that switch certificate verification off, whatever the tool. */
const FLAGS = new Set(['--insecure', '--no-check-certificate', '--insecure-skip-tls-verify', '--insecure-skip-tls-verify=true', '--tls-verify=false', '--tlsverify=false', '--skip-tls-verify', '--disable-tls-verify', '--no-verify-ssl', '--ssl-no-verify']);
const ENV = /(?<=^|[\s;&|(`"'])(GIT_SSL_NO_VERIFY=["']?(?:1|true)|NODE_TLS_REJECT_UNAUTHORIZED=["']?0|PYTHONHTTPSVERIFY=["']?0|HELM_INSECURE_SKIP_TLS_VERIFY=["']?true)(?=["']?(?:[\s;&|)`]|$))/gi;
/** A tool and its arguments up to the end of the simple command; also inside `$(…)` and after `if`/`!`. */
const TOOLS = 'curl|wget|kubectl|oc|helm|git|podman|skopeo|buildah|docker|crane|regctl';
const INVOCATION = new RegExp(`(?<=^|[\\s;&|(\`"'!])(${TOOLS})(?=\\s)([^;&|\`)]*)`, 'g');
const TOOL = new RegExp(`^(?:.*/)?(${TOOLS})$`);
const GIT_CONFIG = /^http\.sslverify=(?:false|0|no)$/i;

export const tlsVerifyDisabled = defineCheck({
  id: 'repo/tls-verify-disabled',
  title: 'Scripts keep TLS certificate verification on',
  severity: 'medium',
  target: 'shell-script',
  why:
    'curl -k, wget --no-check-certificate, kubectl --insecure-skip-tls-verify and their variables accept any ' +
    'certificate, so anyone on the path can impersonate the server: a health check then passes against the wrong ' +
    'origin, a download can be swapped, and credentials sent over the connection (tokens, basic auth) go to the ' +
    'impersonator. The usual cause is a private CA or a self-signed origin certificate; trust that CA instead.',
  fix: [
    'Point the tool at the CA that signed the certificate instead of turning verification off:',
    '',
    '    curl -sS --cacert config/origin-ca.pem "https://$host/"',
    '    kubectl --certificate-authority=ca.crt …',
    '    git -c http.sslCAInfo=ca.pem clone …',
  ].join('\n'),
  refs: ['CWE-295: Improper certificate validation', 'OWASP Transport Layer Security Cheat Sheet', 'OWASP Top 10 2021 A02 (cryptographic failures)'],
  messages: {
    insecureFlag: '{tool} {flag} accepts any TLS certificate',
    insecureEnv: '{setting} turns TLS certificate verification off',
  },
  claims: [
    {
      about: 'TLS certificate verification stays on',
      names: [
        'certificate verification',
        'insecure-skip-tls-verify',
        'NODE_TLS_REJECT_UNAUTHORIZED',
        'no-check-certificate',
        'curl -k',
        'verify=False',
        ['TLS', 'verif*', 'disabled'],
        ['TLS', 'verif*', 'skip*'],
        ['SSL', 'verif*', 'disabled'],
        ['certificate*', 'verif*', 'disabled'],
        ['certificate*', 'validation', 'disabled'],
        ['certificate*', 'verif*', 'skip*'],
      ],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!/-[A-Za-z]*k|insecure|no-check-certificate|verify|VERIFY|REJECT_UNAUTHORIZED/.test(text)) return;
    for (const line of readShellScript(text).lines) {
      for (const match of line.text.matchAll(ENV)) {
        if (isPrintedText(line.text, match.index)) continue;
        const { line: at, column } = line.positionAt(match.index);
        ctx.fail(script.at(at, column), 'insecureEnv', { setting: match[1]!.replace(/["']/g, '') });
      }
      for (const match of line.text.matchAll(INVOCATION)) {
        let tool: string | undefined = match[1]!;
        const argsAt = match.index + tool.length;
        if (isPrintedText(line.text, match.index)) continue;
        let afterSeparator = false;
        for (const word of match[2]!.matchAll(/\S+/g)) {
          const text = word[0].replace(/["']/g, '');
          // After `--` the words are another command's (`kubectl exec pod -- cockroach sql --insecure`).
          if (afterSeparator) {
            tool = TOOL.exec(text)?.[1];
            afterSeparator = false;
            continue;
          }
          if (text === '--') {
            afterSeparator = true;
            tool = undefined;
            continue;
          }
          const flag = tool === undefined ? undefined : insecureFlag(tool, text);
          if (tool === undefined || !flag || isPrintedText(line.text, argsAt + word.index)) continue;
          const { line: at, column } = line.positionAt(argsAt + word.index);
          ctx.fail(script.at(at, column), 'insecureFlag', { tool, flag });
        }
      }
    }
  },
});

function insecureFlag(tool: string, word: string): string | undefined {
  if (FLAGS.has(word.toLowerCase())) return word;
  if (tool === 'git' && GIT_CONFIG.test(word)) return `-c ${word}`;
  if (tool === 'curl' && /^-[A-Za-z]+$/.test(word)) {
    for (const letter of word.slice(1)) {
      if (letter === 'k') return '-k';
      if (CURL_ARG_OPTIONS.has(letter)) return undefined;
    }
  }
  return undefined;
}
