import { parseYaml, type YamlDocument, type YamlPath } from '../yaml/source.js';

/**
 * One setting of an application config, whatever the format: a YAML leaf, a
 * `.env` line, an INI/TOML/properties `key = value`, a ConfigMap data entry.
 */
export interface ConfigEntry {
  /** The setting's own name (`password`, `REDIS_URL`). */
  readonly key: string;
  /** Its full name for messages: `redis.password`, `[database] password`, `REDIS_URL`. */
  readonly path: string;
  /** Strings as written (quotes removed); YAML keeps numbers, booleans and null. */
  readonly value: string | number | boolean | null;
  readonly line: number;
  readonly column: number;
}

const MAX_DEPTH = 32;

/** The scalar leaves of YAML documents (sequence items are named `key[0]`), with positions. */
export function yamlEntries(documents: readonly YamlDocument[]): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const document of documents) {
    const walk = (node: unknown, path: (string | number)[], name: string) => {
      if (path.length > MAX_DEPTH) return;
      if (node !== null && typeof node === 'object') {
        if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i], `${name}[${i}]`));
        else for (const [key, value] of Object.entries(node)) walk(value, [...path, key], name ? `${name}.${key}` : key);
        return;
      }
      if (path.length === 0) return;
      const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
      if (key === undefined || (typeof node !== 'string' && typeof node !== 'number' && typeof node !== 'boolean' && node !== null)) return;
      const { line, column } = document.locate(path as YamlPath);
      entries.push({ key, path: name, value: node as ConfigEntry['value'], line, column });
    };
    walk(document.data, [], '');
  }
  return entries;
}

/** `KEY=VALUE` lines of a dotenv file (`export` allowed, quotes removed, ` #` comments dropped). */
export function dotenvEntries(text: string, firstLine = 1): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const match = /^(\s*(?:export\s+)?)([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    entries.push({ key: match[2]!, path: match[2]!, value: unquote(match[3]!), line: firstLine + i, column: match[1]!.length + 1 });
  });
  return entries;
}

/** `key = value` / `key: value` lines of INI, TOML and Java properties files, named by their `[section]`. */
export function keyValueEntries(text: string, firstLine = 1): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  let section = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('!')) return;
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      section = header[1]!;
      return;
    }
    const match = /^(\s*)("[^"]+"|'[^']+'|[^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!match) return;
    const key = match[2]!.replace(/^["']|["']$/g, '');
    entries.push({ key, path: section ? `[${section}] ${key}` : key, value: unquote(match[3]!), line: firstLine + i, column: match[1]!.length + 1 });
  });
  return entries;
}

/** A value with its quotes removed; unquoted values lose a trailing ` # comment`. */
function unquote(raw: string): string {
  const value = raw.trim();
  const quoted = /^(["'`])(.*)\1(?:\s+[#;].*)?$/.exec(value);
  if (quoted) return quoted[2]!;
  return value.replace(/\s+[#;].*$/, '');
}

export type ConfigFormat = 'yaml' | 'dotenv' | 'key-value';

/** The format of a config file by its name; undefined for files that are not key/value settings (nginx, sshd). */
export function configFormatOf(file: string): ConfigFormat | undefined {
  const name = file.split('/').pop()!.toLowerCase();
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (/\.(ini|toml|properties|cfg)$/.test(name)) return 'key-value';
  return undefined;
}

/** The settings of a config file's text in `format`, line numbers counted from `firstLine`. */
export function entriesOfText(text: string, format: ConfigFormat, firstLine = 1): ConfigEntry[] {
  if (format === 'dotenv') return dotenvEntries(text, firstLine);
  if (format === 'key-value') return keyValueEntries(text, firstLine);
  const parsed = parseYaml(text);
  return yamlEntries(parsed.documents).map((entry) => ({ ...entry, line: entry.line + firstLine - 1 }));
}
