import type { ShellHeredoc, ShellLine, ShellScript } from './shell-lines.js';

/**
 * How a script sets up k3s: the config files it writes in here-documents
 * (`tee /etc/rancher/k3s/config.yaml <<EOF`), the installer runs and `k3s server`
 * commands, and the server flags written on them (`INSTALL_K3S_EXEC="server
 * --write-kubeconfig-mode 644"`, `sh -s - server --secrets-encryption`).
 */
export interface K3sSetup {
  readonly configs: readonly K3sConfig[];
  readonly installs: readonly K3sInstall[];
  /** `--flag value` / `--flag=value` / `K3S_KUBECONFIG_MODE=644` settings on command lines. */
  readonly flags: readonly K3sSetting[];
}

export interface K3sConfig {
  readonly heredoc: ShellHeredoc;
  /** Top-level `key: value` entries of the YAML body, in order. */
  readonly keys: readonly K3sSetting[];
  /** Carries keys only a server reads (tls-san, cluster-init, write-kubeconfig-mode, ...). */
  readonly server: boolean;
}

export interface K3sInstall {
  readonly line: ShellLine;
  /** A server (not an agent joining with K3S_URL / `agent`). */
  readonly server: boolean;
}

export interface K3sSetting {
  /** Flag or key name without dashes: `write-kubeconfig-mode`, `secrets-encryption`. */
  readonly name: string;
  /** The value without quotes; '' for a bare flag. */
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

const CONFIG_PATH = /rancher\/k3s\/config\.ya?ml|k3s[\w.-]+\.ya?ml|config\.yaml\.d\//;
/** Keys only a k3s server reads; any one marks a here-document as a k3s server config. */
const SERVER_KEYS = new Set([
  'write-kubeconfig-mode',
  'write-kubeconfig',
  'tls-san',
  'cluster-init',
  'secrets-encryption',
  'flannel-backend',
  'cluster-cidr',
  'service-cidr',
  'kube-apiserver-arg',
  'datastore-endpoint',
  'disable',
  'etcd-snapshot-schedule-cron',
]);
const TOP_LEVEL_KEY = /^([A-Za-z][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const INSTALL = /get\.k3s\.io|k3s[\w-]*install[\w.-]*\.sh|\bINSTALL_K3S_\w+=|(?:^|[\s;&|"'(])(?:\S*\/)?k3s\s+(?:server|agent)\b/;
const FLAG = /--(write-kubeconfig-mode|secrets-encryption)(?:(?:=|[ \t]+)(?!-)(['"]?)([\w.]+)\2)?/g;
const MODE_ENV = /\bK3S_KUBECONFIG_MODE=(['"]?)(\d+)\1/g;

/** A committed k3s config: /etc/rancher/k3s/config.yaml, k3s-server.yaml, …; drop-ins under config.yaml.d/. */
export const K3S_CONFIG_FILE = /(?:^|\/)(?:rancher\/k3s\/config\.ya?ml|k3s[\w.-]+\.ya?ml|config\.yaml\.d\/[^/]+\.ya?ml)$/;

/** The top-level keys of a k3s config file's text, as a config of its own. */
export function k3sConfigFile(lines: readonly string[]): { keys: K3sSetting[]; server: boolean } {
  const keys = topLevelKeys(lines.map((text, i) => ({ text, line: i + 1 })));
  return { keys, server: keys.some((key) => SERVER_KEYS.has(key.name)) };
}

function topLevelKeys(body: readonly { text: string; line: number }[]): K3sSetting[] {
  const keys: K3sSetting[] = [];
  for (const { text, line } of body) {
    const match = TOP_LEVEL_KEY.exec(text);
    if (match) keys.push({ name: match[1]!, value: unquote((match[2] ?? '').replace(/\s+#.*$/, '').trim()), line, column: 1 });
  }
  return keys;
}

export function k3sSetup(script: ShellScript): K3sSetup {
  const configs: K3sConfig[] = [];
  for (const heredoc of script.heredocs) {
    const keys = topLevelKeys(heredoc.body);
    const server = keys.some((key) => SERVER_KEYS.has(key.name));
    if (server || (CONFIG_PATH.test(heredoc.opener.text) && keys.length > 0)) configs.push({ heredoc, keys, server });
  }
  const installs: K3sInstall[] = [];
  const flags: K3sSetting[] = [];
  for (const line of script.lines) {
    if (!line.text.includes('k3s') && !line.text.includes('K3S')) continue;
    if (INSTALL.test(line.text)) {
      const agent = /\bK3S_URL=|\bagent\b/.test(line.text) && !/\bserver\b/.test(line.text);
      installs.push({ line, server: !agent });
    }
    for (const match of line.text.matchAll(FLAG)) {
      const position = line.positionAt(match.index);
      flags.push({ name: match[1]!, value: match[3] ?? '', ...position });
    }
    for (const match of line.text.matchAll(MODE_ENV)) {
      const position = line.positionAt(match.index);
      flags.push({ name: 'write-kubeconfig-mode', value: match[2]!, ...position });
    }
  }
  return { configs, installs, flags };
}

function unquote(value: string): string {
  const match = /^(['"])(.*)\1$/.exec(value);
  return match ? match[2]! : value;
}

/** An octal file mode (`644`, `0644`, `"0666"`) whose "other" digit grants read or write. */
export function isWorldAccessibleMode(mode: string): boolean {
  if (!/^0?[0-7]{3}$/.test(mode)) return false;
  const other = Number(mode[mode.length - 1]);
  return (other & 0b110) !== 0;
}
