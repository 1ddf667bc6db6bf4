import { parse } from 'yaml';

/** The k3s settings harden reads, merged from config files, the systemd unit and the running process. */
export interface K3sSettings {
  role?: 'server' | 'agent';
  secretsEncryption?: boolean;
  /** `--kube-apiserver-arg` / `kube-apiserver-arg:` entries, name → value. */
  readonly apiserverArgs: Map<string, string>;
  /** `--kubelet-arg` / `kubelet-arg:` entries, name → value. */
  readonly kubeletArgs: Map<string, string>;
  /** Where each setting was read last, for evidence: `secrets-encryption` → `/etc/rancher/k3s/config.yaml`. */
  readonly origins: Map<string, string>;
}

export function emptyK3sSettings(): K3sSettings {
  return { apiserverArgs: new Map(), kubeletArgs: new Map(), origins: new Map() };
}

const ARG_LISTS = { 'kube-apiserver-arg': 'apiserverArgs', 'kubelet-arg': 'kubeletArgs' } as const;
const isArgList = (key: string): key is keyof typeof ARG_LISTS => key in ARG_LISTS;

/**
 * Applies a k3s config file (`/etc/rancher/k3s/config.yaml`, then `config.yaml.d/*.yaml` in
 * order): keys are the CLI flags without dashes; a list key ending in `+` appends. Unparsable
 * YAML throws. Only the keys harden checks are read (never `token`).
 */
export function applyK3sConfig(settings: K3sSettings, text: string, origin: string): void {
  const document = parse(text) as unknown;
  if (document === null || document === undefined) return;
  if (typeof document !== 'object' || Array.isArray(document)) throw new Error(`${origin} is not a YAML mapping`);
  for (const [rawKey, value] of Object.entries(document as Record<string, unknown>)) {
    const key = rawKey.replace(/\+$/, '');
    if (key === 'secrets-encryption') setFlag(settings, 'secrets-encryption', value === true || value === 'true', origin);
    else if (isArgList(key)) {
      const list = settings[ARG_LISTS[key]];
      if (!rawKey.endsWith('+')) list.clear();
      for (const entry of Array.isArray(value) ? value : [value]) if (typeof entry === 'string') addArg(settings, key, entry, origin);
    }
  }
}

/**
 * Applies a k3s command line: a systemd unit's ExecStart (backslash continuations, quoted
 * words, as the install script writes them) or a `ps` line. `k3s server|agent` sets the role.
 */
export function applyK3sCommandLine(settings: K3sSettings, commandLine: string, origin: string): void {
  const words = shellWords(commandLine);
  const k3s = words.findIndex((word) => /(^|\/)k3s$/.test(word));
  if (k3s < 0) return;
  const role = words[k3s + 1];
  if (role === 'server' || role === 'agent') settings.role = role;
  for (let i = k3s + 2; i < words.length; i += 1) {
    const word = words[i]!;
    const [flag = '', inline] = word.replace(/^--?/, '').split(/=(.*)/s);
    if (!word.startsWith('-')) continue;
    if (flag === 'secrets-encryption') setFlag(settings, flag, inline === undefined ? true : inline === 'true', origin);
    else if (isArgList(flag)) {
      const value = inline ?? words[(i += 1)];
      if (value !== undefined) addArg(settings, flag, value, origin);
    }
  }
}

/** The ExecStart of a systemd unit, continuation lines joined; undefined when there is none. */
export function unitExecStart(unit: string): string | undefined {
  const joined = unit.replace(/\\\r?\n/g, ' ');
  return /^ExecStart=(.*)$/m.exec(joined)?.[1];
}

/** `k3s secrets-encrypt status`: `Encryption Status: Enabled`, or undefined when the line is absent. */
export function parseSecretsEncryptStatus(output: string): boolean | undefined {
  const status = /^Encryption Status:\s*(\w+)/im.exec(output)?.[1];
  return status === undefined ? undefined : /^enabled$/i.test(status);
}

function setFlag(settings: K3sSettings, flag: 'secrets-encryption', on: boolean, origin: string): void {
  settings.secretsEncryption = on;
  settings.origins.set(flag, origin);
}

function addArg(settings: K3sSettings, list: keyof typeof ARG_LISTS, entry: string, origin: string): void {
  const [name = '', value = ''] = entry.replace(/^--?/, '').split(/=(.*)/s);
  settings[ARG_LISTS[list]].set(name, value);
  settings.origins.set(`${list}:${name}`, origin);
}

function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.replace(/\\\r?\n/g, ' ').matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}
