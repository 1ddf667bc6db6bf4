import { parseSshdConfig } from '../config/sshd.js';
import type { HostTarget } from './host-target.js';

/** A setting of the SSH server as the host runs it, and the file line that sets it when one was read. */
export interface EffectiveSetting {
  readonly value: string;
  readonly file?: string;
  readonly line?: number;
}

/** OpenSSH's defaults (sshd_config(5)) for the settings the host checks read. */
export const SSHD_DEFAULTS: Readonly<Record<string, string>> = {
  permitrootlogin: 'prohibit-password',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  permitemptypasswords: 'no',
  maxauthtries: '6',
};

/** `sshd -T` output: one `keyword value` per line, keywords lower-case. */
export function parseSshdDump(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([a-z0-9]+)\s+(.*?)\s*$/.exec(line);
    if (match && !settings.has(match[1]!)) settings.set(match[1]!, match[2]!);
  }
  return settings;
}

const MAX_INCLUDED_FILES = 64;

/**
 * The global settings of a config file and the files it includes, first value winning, each
 * with its file and line; undefined when the main file cannot be read. Match blocks are left
 * out (as `sshd -T` without -C leaves them out).
 */
export async function readSshdConfigFiles(host: HostTarget, mainPath: string): Promise<Map<string, Required<EffectiveSetting>> | undefined> {
  const settings = new Map<string, Required<EffectiveSetting>>();
  const baseDir = mainPath.slice(0, mainPath.lastIndexOf('/')) || '/';
  let files = 0;
  const readOne = async (path: string): Promise<boolean> => {
    if (++files > MAX_INCLUDED_FILES) return false;
    const text = await host.readFile(path);
    if (text === undefined) return false;
    const lines = text.split('\n').map((line, i) => ({ text: line, line: i + 1 }));
    // Includes are read where they stand: settings before an Include win over the included ones, those after lose.
    let segment: typeof lines = [];
    const flush = () => {
      const config = parseSshdConfig(segment);
      for (const [keyword, setting] of config.global) if (!settings.has(keyword)) settings.set(keyword, { value: setting.value, file: path, line: setting.line });
      segment = [];
    };
    for (const line of lines) {
      const include = /^\s*Include\s+(.+?)\s*$/i.exec(line.text);
      if (!include) {
        if (/^\s*Match\s/i.test(line.text)) break;
        segment.push(line);
        continue;
      }
      flush();
      for (const pattern of include[1]!.split(/\s+/)) for (const included of await expandInclude(host, pattern.startsWith('/') ? pattern : `${baseDir}/${pattern}`)) await readOne(included);
    }
    flush();
    return true;
  };
  return (await readOne(mainPath)) ? settings : undefined;
}

/** An Include pattern's files, sorted as glob(3) sorts them: a `*`/`?` in the last component only. */
async function expandInclude(host: HostTarget, pattern: string): Promise<string[]> {
  const slash = pattern.lastIndexOf('/');
  const dir = pattern.slice(0, slash) || '/';
  const name = pattern.slice(slash + 1);
  if (!/[*?[]/.test(name)) return [pattern];
  const matcher = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  const entries = (await host.listDir(dir)) ?? [];
  return entries.filter((entry) => !entry.startsWith('.') && matcher.test(entry)).sort().map((entry) => `${dir}/${entry}`);
}
