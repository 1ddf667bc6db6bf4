import { asRecord, asString } from '../yaml/read.js';
import { assembled, entriesOf, type Origin } from './layered.js';

type Entry = readonly [string, unknown, Origin];

/**
 * One service defined again in a later file (`-f base -f override`), merged as Compose merges
 * (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/): scalars replaced,
 * mappings merged by key, `command`/`entrypoint`/`healthcheck.test` replaced, `environment` and
 * `labels` merged by name in either syntax, `volumes`/`devices` by container path,
 * `secrets`/`configs` by target, and other sequences (`ports`, `expose`, `dns`, `cap_add`…)
 * appended without repeats.
 */
export function mergeService(base: Record<string, unknown>, override: Record<string, unknown>, baseOrigin: Origin, overrideOrigin: Origin): Record<string, unknown> {
  return mergeMaps(base, override, '', baseOrigin, overrideOrigin);
}

const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);
const BY_NAME = new Set(['environment', 'labels', 'annotations', 'sysctls', 'build.args', 'build.labels', 'deploy.labels']);
const BY_KEY: Record<string, (item: unknown) => string | undefined> = {
  volumes: mountTarget,
  devices: mountTarget,
  secrets: grantTarget,
  configs: grantTarget,
};

function mergeMaps(base: Record<string, unknown>, override: Record<string, unknown>, path: string, baseOrigin: Origin, overrideOrigin: Origin): Record<string, unknown> {
  const entries = new Map<string, Entry>(entriesOf(base, baseOrigin).map((entry) => [entry[0], entry]));
  for (const [key, value, origin] of entriesOf(override, overrideOrigin)) {
    const existing = entries.get(key);
    entries.set(key, [key, existing ? mergeValues(existing[1], value, path === '' ? key : `${path}.${key}`, existing[2], origin) : value, origin]);
  }
  return assembled([...entries.values()]);
}

function mergeValues(base: unknown, override: unknown, path: string, baseOrigin: Origin, overrideOrigin: Origin): unknown {
  if (REPLACED.has(path) || base === null || base === undefined || override === null || override === undefined) return override;
  if (BY_NAME.has(path)) {
    const baseMap = byName(base, baseOrigin);
    const overrideMap = byName(override, overrideOrigin);
    if (baseMap && overrideMap) return assembled([...new Map([...baseMap, ...overrideMap].map((entry) => [entry[0], entry])).values()]);
    return override;
  }
  if (Array.isArray(base) && Array.isArray(override)) return mergeSequences(base, override, BY_KEY[path], baseOrigin, overrideOrigin);
  const baseRecord = asRecord(base);
  const overrideRecord = asRecord(override);
  if (baseRecord && overrideRecord) return mergeMaps(baseRecord, overrideRecord, path, baseOrigin, overrideOrigin);
  return override;
}

function mergeSequences(base: unknown[], override: unknown[], keyOf: ((item: unknown) => string | undefined) | undefined, baseOrigin: Origin, overrideOrigin: Origin): unknown[] {
  const identify = keyOf ?? ((item: unknown) => JSON.stringify(item));
  const merged = new Map<string, readonly [number, unknown, Origin]>();
  let unkeyed = 0;
  for (const [, item, origin] of [...entriesOf(base, baseOrigin), ...entriesOf(override, overrideOrigin)]) {
    const key = identify(item) ?? `\0${unkeyed++}`;
    // A keyed item defined again replaces the earlier one; an equal one is kept once.
    if (keyOf || !merged.has(key)) merged.set(key, [0, item, origin]);
  }
  return assembled([...merged.values()], true);
}

/** `environment`/`labels` in map or `KEY=value` list syntax, as entries by name. */
function byName(value: unknown, fallback: Origin): Entry[] | undefined {
  if (Array.isArray(value)) {
    return entriesOf(value, fallback).flatMap(([, item, origin]): Entry[] => {
      const text = asString(item);
      if (text === undefined) return [];
      const eq = text.indexOf('=');
      return [eq === -1 ? [text.trim(), null, origin] : [text.slice(0, eq).trim(), text.slice(eq + 1), origin]];
    });
  }
  const record = asRecord(value);
  return record ? entriesOf(record, fallback) : undefined;
}

/** The container path of a `volumes`/`devices` entry, short (`src:/target:ro`) or long syntax. */
function mountTarget(item: unknown): string | undefined {
  const short = asString(item);
  if (short === undefined) return asString(asRecord(item)?.target);
  const parts = short.split(':');
  return (parts.length === 1 ? parts[0] : parts[1])?.replace(/\/+$/, '');
}

/** The name a `secrets`/`configs` entry is mounted under: its `target`, else its source. */
function grantTarget(item: unknown): string | undefined {
  const long = asRecord(item);
  return asString(item) ?? asString(long?.target) ?? asString(long?.source);
}
