import { asArray, asRecord, asString } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { ComposeService } from './compose.js';

/** One variable of a service's `environment`, map (`KEY: value`) or list (`- KEY=value`) syntax. */
export interface ComposeEnvVar {
  readonly name: string;
  /** The value as written; undefined for `KEY:` / `- KEY` (taken from the shell at `up`). */
  readonly value: string | undefined;
  /** Path from the service, for `service.at(path)`. */
  readonly path: YamlPath;
}

export function environmentOf(service: ComposeService): ComposeEnvVar[] {
  const environment = service.spec.environment;
  const map = asRecord(environment);
  if (map) return Object.entries(map).map(([name, value]) => ({ name, value: scalarText(value), path: ['environment', name] }));
  return asArray(environment).flatMap((item, index): ComposeEnvVar[] => {
    const entry = asString(item);
    if (entry === undefined) return [];
    const eq = entry.indexOf('=');
    return [{ name: (eq === -1 ? entry : entry.slice(0, eq)).trim(), value: eq === -1 ? undefined : entry.slice(eq + 1), path: ['environment', index] }];
  });
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'boolean' ? String(value) : asString(value);
}

/** Whether a value is decided by interpolation (`${VAR}`, `${VAR:?err}`, `$VAR`) rather than written in the file. */
export function isInterpolated(value: string): boolean {
  return /\$\{[^}]+\}|\$[A-Za-z_]/.test(value.replace(/\$\$/g, ''));
}

/** `command` / `entrypoint` as words: the list form as is, the string form split on whitespace. */
export function commandWordsOf(service: ComposeService, key: 'command' | 'entrypoint'): string[] {
  const value = service.spec[key];
  const text = asString(value);
  if (text !== undefined) return text.split(/\s+/).filter((word) => word !== '');
  return asArray(value).flatMap((word) => {
    const item = asString(word);
    return item === undefined ? [] : [item];
  });
}
