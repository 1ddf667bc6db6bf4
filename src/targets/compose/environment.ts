import { asArray, asRecord, asString } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { ComposeService } from './compose.js';

/** One variable of a service's `environment`, map (`KEY: value`) or list (`- KEY=value`) syntax. */
export interface ComposeEnvVar {
  readonly name: string;
  /** The value after interpolation; undefined for `KEY:` / `- KEY` (taken from the shell at `up`). */
  readonly value: string | undefined;
  /** The value as the compose file writes it, before interpolation. */
  readonly written: string | undefined;
  /** Path from the service, for `service.at(path)`. */
  readonly path: YamlPath;
}

export function environmentOf(service: ComposeService): ComposeEnvVar[] {
  const environment = service.spec.environment;
  const map = asRecord(environment);
  if (map) {
    return Object.entries(map).map(([name, value]) => {
      const path = ['environment', name];
      const written = service.written(path);
      // Merged from list syntax (`- KEY=value`), the written text is the whole item.
      return { name, value: scalarText(value), written: written === undefined ? scalarText(value) : afterEquals(written, name), path };
    });
  }
  return asArray(environment).flatMap((item, index): ComposeEnvVar[] => {
    const entry = asString(item);
    if (entry === undefined) return [];
    const eq = entry.indexOf('=');
    const path = ['environment', index];
    const value = eq === -1 ? undefined : entry.slice(eq + 1);
    const written = service.written(path);
    return [{ name: (eq === -1 ? entry : entry.slice(0, eq)).trim(), value, written: written === undefined ? value : afterEquals(written, undefined), path }];
  });
}

function afterEquals(written: string, name: string | undefined): string | undefined {
  const eq = written.indexOf('=');
  if (eq === -1) return name === undefined ? undefined : written;
  return name === undefined || written.slice(0, eq).trim() === name ? written.slice(eq + 1) : written;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'boolean' ? String(value) : asString(value);
}

/** Whether a value is decided by interpolation (`${VAR}`, `${VAR:?err}`, `$VAR`) rather than written in the file. */
export function isInterpolated(value: string): boolean {
  return /\$\{[^}]+\}|\$[A-Za-z_]/.test(value.replace(/\$\$/g, ''));
}

/**
 * `command` / `entrypoint` as words: the list form as is, the string form split on whitespace;
 * `as: 'written'` gives them as the file writes them, before interpolation.
 */
export function commandWordsOf(service: ComposeService, key: 'command' | 'entrypoint', as: 'interpolated' | 'written' = 'interpolated'): string[] {
  const value = service.spec[key];
  const text = asString(value);
  const written = (path: YamlPath, interpolated: string) => (as === 'written' ? (service.written(path) ?? interpolated) : interpolated);
  if (text !== undefined) return written([key], text).split(/\s+/).filter((word) => word !== '');
  return asArray(value).flatMap((word, index) => {
    const item = asString(word);
    return item === undefined ? [] : [written([key, index], item)];
  });
}
