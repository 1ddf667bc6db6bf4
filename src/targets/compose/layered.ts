import type { Location } from '../location.js';
import type { YamlDocument, YamlPath } from '../yaml/source.js';
import { interpolate, type ComposeVariables } from './interpolate.js';

/** Where a value of a merged compose model is written: the file, its document, the path in it. */
export interface Origin {
  readonly file: string;
  readonly document: YamlDocument;
  readonly path: YamlPath;
  /** The scalar as written, when interpolation changed it. */
  readonly written?: string;
}

/**
 * Merged models are plain data (what checks read); each map and sequence in them is known here
 * with the origin of each of its keys or items, so a finding points at the file and line where
 * its value is written (an override, an included fragment), never at the merged result.
 */
const ORIGINS = new WeakMap<object, Map<string | number, Origin>>();

export function originsOf(container: unknown): ReadonlyMap<string | number, Origin> | undefined {
  return typeof container === 'object' && container !== null ? ORIGINS.get(container) : undefined;
}

/** A copy of `value` (read at `origin`) with its strings interpolated and every key's origin recorded. */
export function fromSource(value: unknown, origin: Origin, variables: ComposeVariables): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) {
    const origins = new Map<number, Origin>();
    const copy = value.map((item, index) => {
      const at = childOrigin(origin, index, item);
      origins.set(index, at);
      return fromSource(item, at, variables);
    });
    ORIGINS.set(copy, origins);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const origins = new Map<string, Origin>();
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const at = childOrigin(origin, key, item);
      origins.set(key, at);
      copy[key] = fromSource(item, at, variables);
    }
    ORIGINS.set(copy, origins);
    return copy;
  }
  return value;
}

function childOrigin(parent: Origin, key: string | number, item: unknown): Origin {
  const path = [...parent.path, key];
  return typeof item === 'string' && item.includes('$') ? { file: parent.file, document: parent.document, path, written: item } : { file: parent.file, document: parent.document, path };
}

/** A new map or sequence built from entries whose origins are known. */
export function assembled(entries: readonly (readonly [string, unknown, Origin])[]): Record<string, unknown>;
export function assembled(entries: readonly (readonly [number, unknown, Origin])[], sequence: true): unknown[];
export function assembled(entries: readonly (readonly [string | number, unknown, Origin])[], sequence?: true): Record<string, unknown> | unknown[] {
  const origins = new Map<string | number, Origin>();
  if (sequence) {
    const list = entries.map(([, value, origin], index) => {
      origins.set(index, origin);
      return value;
    });
    ORIGINS.set(list, origins);
    return list;
  }
  const map: Record<string, unknown> = {};
  for (const [key, value, origin] of entries) {
    map[key as string] = value;
    origins.set(key, origin);
  }
  ORIGINS.set(map, origins);
  return map;
}

/** The entries of a merged map or sequence with their origins (`fallback` for any not recorded). */
export function entriesOf(container: Record<string, unknown>, fallback: Origin): [string, unknown, Origin][];
export function entriesOf(container: unknown[], fallback: Origin): [number, unknown, Origin][];
export function entriesOf(container: Record<string, unknown> | unknown[], fallback: Origin): [string | number, unknown, Origin][] {
  const origins = ORIGINS.get(container);
  const pairs: [string | number, unknown][] = Array.isArray(container) ? container.map((item, index) => [index, item]) : Object.entries(container);
  return pairs.map(([key, value]) => [key, value, origins?.get(key) ?? fallback]);
}

/** Where a path of a merged value is written: the deepest step whose origin is known. */
export function locateMerged(root: unknown, rootOrigin: Origin, path: YamlPath): Location {
  let origin = rootOrigin;
  let node = root;
  let rest = path;
  for (const step of path) {
    const next = originsOf(node)?.get(step);
    if (!next) break;
    origin = next;
    node = (node as Record<string | number, unknown>)[step];
    rest = rest.slice(1);
  }
  const { line, column } = origin.document.locate([...origin.path, ...rest]);
  return { kind: 'file', path: origin.file, line, column };
}

/** The origin of a path of a merged value, when every step of it is known. */
export function originAt(root: unknown, path: YamlPath): Origin | undefined {
  let node = root;
  let origin: Origin | undefined;
  for (const step of path) {
    origin = originsOf(node)?.get(step);
    if (!origin) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return origin;
}
