import { fileGroupsIndex } from '../../targets/repo/file-groups.js';
import { redactSecrets } from '../../targets/secrets/redact.js';
import { isWorldAccessibleMode, K3S_CONFIG_FILE, k3sConfigFile, k3sSetup } from '../../targets/shell/k3s.js';
import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** Files whose content is a credential: kubeconfigs, private keys, env files. */
const CREDENTIAL_FILE = /(?:kubeconfig[\w.-]*|k3s\.yaml|\.kube\/config|[\w.-]*\.pem|[\w.-]*\.key|id_(?:rsa|dsa|ecdsa|ed25519)|\.env(?:\.[\w-]+)?|[\w.-]*\.p12|[\w.-]*\.pfx)(?=$|["'\s;&|)])/;
/** A umask that clears every permission bit of "other" (077, 0027, 007). */
const PRIVATE_UMASK = /(?:^|[\s;&|(])umask\s+0*[0-7]?[0-7]?7\b/;
/** chmod to owner-only (or owner+group read): 600, 0400, 640, go-rwx, og= … */
const TIGHT_CHMOD = /\bchmod\s+(?:-\w+\s+)*(?:0?[4-7][0-4]0\b|[ugoa]*o[ugoa]*-[rwx]+|go=|og=|u=rw,go=)/;
/** `install -m 0600 …` writes the file with that mode from the start. */
const PRIVATE_INSTALL = /\binstall\b[^|;&]*\s-m\s*0?[0-7][0-4]0\b/;
/** The target of an output redirection: `> kubeconfig`, `>> ~/.kube/config`. */
const REDIRECT = /(?<![0-9&<>])>>?\s*["']?([^\s"';|&<>]+)/;
/** `chmod [-R] MODE FILE...` with an octal or symbolic mode. */
const CHMOD = /(?:^|[\s;&|("'])chmod\s+(?:-\w+\s+)*(['"]?)([0-7]{3,4}|[ugoa]*[+=][rwxXst]+(?:,[ugoa]*[+=-][rwxXst]+)*)\1\s+(.+)$/;

export const kubeconfigWorldReadable = defineCheck({
  id: 'repo/kubeconfig-world-readable',
  title: 'Kubeconfigs and key files are not made world-readable',
  severity: 'high',
  target: 'repo-file',
  why:
    'A kubeconfig holds the client certificate or token of its user; the one k3s writes to /etc/rancher/k3s/k3s.yaml ' +
    'is cluster-admin. With write-kubeconfig-mode 644 every local user and every process on the node (a compromised ' +
    'web app, a CI runner, a hostPath-mounted pod) can read it and take over the cluster. The same holds for private ' +
    'keys and .env files opened up with chmod 644/666/777.',
  fix: [
    'Keep the kubeconfig 0600 and use sudo (or a dedicated group with 0640) to read it:',
    '',
    '    # /etc/rancher/k3s/config.yaml',
    '    write-kubeconfig-mode: "0600"',
    '',
    'and for key files: `chmod 600 id_ed25519 kubeconfig .env` (or write them under `umask 077`).',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 4.1.9/4.1.10 (kubelet kubeconfig file permissions 600, root:root)',
    'k3s CIS hardening guide: write-kubeconfig-mode',
    'NSA/CISA Kubernetes Hardening Guide: protect credentials and kubeconfig files',
    'CWE-732: Incorrect permission assignment for critical resource',
  ],
  messages: {
    kubeconfigMode: 'k3s writes its cluster-admin kubeconfig with mode {mode}, readable by every user on the node',
    chmodCredential: 'chmod {mode} makes {file} accessible to every user',
    kubeconfigCopy: 'the cluster-admin kubeconfig is written to {file} with the default umask (0644), readable by every local user',
    tokenConfig: 'the k3s config holding the cluster token is written with the default mode (0644), readable by every user on the node',
  },
  claims: [
    {
      about: 'kubeconfig not world-readable',
      names: [
        'write-kubeconfig-mode',
        'k3s.yaml',
        ['kubeconfig', 'world-readable'],
        ['kubeconfig', 'readable'],
        ['kubeconfig', 'mode'],
        ['kubeconfig', 'permission*'],
        ['kubeconfig', 'perms'],
        ['kubeconfig', '644'],
        ['kubeconfig', 'chmod'],
      ],
      messages: ['kubeconfigMode', 'kubeconfigCopy'],
    },
    {
      about: 'k3s token config not world-readable',
      names: [
        ['server token*', 'perm*'],
        ['server token*', 'mode'],
        ['node-token', 'perm*'],
        ['cluster token', 'readable'],
        ['k3s', 'token', 'perm*'],
        ['/etc/rancher/k3s', 'perm*'],
        ['/etc/rancher/k3s', 'mode'],
        ['token*', 'world-readable'],
      ],
      messages: ['tokenConfig'],
    },
    {
      about: 'key files not world-readable',
      names: [
        ['chmod', 'private key*'],
        ['chmod', '.env'],
        ['private key*', 'world-readable'],
        ['key file*', 'permission*'],
        ['.env', 'world-readable'],
        ['world-readable', 'secret*'],
        ['world-readable', 'credential*'],
        ['file permission*', 'secret*'],
        ['file permission*', 'private key*'],
      ],
      messages: ['chmodCredential'],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!ctx.shared(fileGroupsIndex).has('scripts', script.file)) {
      // A committed k3s config (/etc/rancher/k3s/config.yaml in a host config repo, an Ansible file).
      if (!K3S_CONFIG_FILE.test(script.file)) return ctx.notApplicable();
      for (const key of k3sConfigFile(script.lines).keys) {
        if (key.name === 'write-kubeconfig-mode' && isWorldAccessibleMode(key.value)) ctx.fail(script.at(key.line, key.column), 'kubeconfigMode', { mode: key.value }, `write-kubeconfig-mode: ${key.value}`);
      }
      return;
    }
    const mentionsK3s = text.includes('kubeconfig') || text.includes('KUBECONFIG') || text.includes('k3s');
    if (!mentionsK3s && !text.includes('chmod')) return;
    const shell = readShellScript(text);
    const k3s = k3sSetup(shell);
    for (const config of k3s.configs) {
      for (const key of config.keys) {
        if (key.name === 'write-kubeconfig-mode' && isWorldAccessibleMode(key.value)) ctx.fail(script.at(key.line, key.column), 'kubeconfigMode', { mode: key.value }, `write-kubeconfig-mode: ${key.value}`);
      }
    }
    for (const flag of k3s.flags) {
      if (flag.name === 'write-kubeconfig-mode' && isWorldAccessibleMode(flag.value)) ctx.fail(script.at(flag.line, flag.column), 'kubeconfigMode', { mode: flag.value }, line0(script.lines, flag.line));
    }
    // umask 077 (or any umask that masks every "other" bit) protects what is written after it.
    const privateFrom = shell.lines.find((line) => PRIVATE_UMASK.test(line.text))?.line ?? Number.POSITIVE_INFINITY;
    const tightened = shell.lines.filter((line) => TIGHT_CHMOD.test(line.text));
    const tightenedLater = (path: string, after: number) => tightened.some((line) => line.line > after && line.text.includes(path));
    for (const config of k3s.configs) {
      const opener = config.heredoc.opener;
      if (!config.keys.some((key) => (key.name === 'token' || key.name === 'agent-token') && key.value !== '')) continue;
      if (PRIVATE_INSTALL.test(opener.text) || privateFrom < opener.line || tightenedLater('config.yaml', opener.line)) continue;
      ctx.fail(script.at(opener.line), 'tokenConfig', {}, line0(script.lines, opener.line));
    }
    for (const line of shell.lines) {
      if (!line.text.includes('k3s.yaml')) continue;
      const redirect = REDIRECT.exec(line.text);
      if (!redirect || redirect[1]!.startsWith('/dev/') || privateFrom < line.line || tightenedLater(redirect[1]!, line.line)) continue;
      const { line: at, column } = line.positionAt(redirect.index);
      ctx.fail(script.at(at, column), 'kubeconfigCopy', { file: redirect[1]! }, line0(script.lines, at));
    }
    for (const line of shell.lines) {
      if (!line.text.includes('chmod')) continue;
      const match = CHMOD.exec(line.text);
      if (!match) continue;
      const mode = match[2]!;
      if (!opensToOthers(mode)) continue;
      const file = CREDENTIAL_FILE.exec(match[3]!);
      if (!file) continue;
      const { line: at, column } = line.positionAt(match.index + match[0].indexOf('chmod'));
      ctx.fail(script.at(at, column), 'chmodCredential', { mode, file: file[0] }, line0(script.lines, at));
    }
  },
});

/** Octal with an "other" read/write bit, or a symbolic mode that adds r/w for o, a or everyone. */
function opensToOthers(mode: string): boolean {
  if (/^[0-7]+$/.test(mode)) return isWorldAccessibleMode(mode.length === 4 ? mode.slice(1) : mode);
  return mode.split(',').some((clause) => {
    const parts = /^([ugoa]*)([+=])([rwxXst]+)$/.exec(clause);
    if (!parts) return false;
    const who = parts[1]!;
    return (who === '' || who.includes('o') || who.includes('a')) && /[rw]/.test(parts[3]!);
  });
}

function line0(lines: readonly string[], line: number): string {
  return redactSecrets((lines[line - 1] ?? '').trim()).slice(0, 200);
}
