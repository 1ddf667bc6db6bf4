import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

/** A key path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface YamlProblem extends Position {
  message: string;
}

/** One document of a YAML file: its plain data plus a way back to source positions. */
export interface YamlDocument {
  readonly index: number;
  readonly data: unknown;
  readonly start: Position;
  /** Position of the deepest node of `path` that exists (the key, for map entries). */
  locate(path: YamlPath): Position & { found: boolean };
}

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: YamlProblem[];
}

/**
 * Alias expansion may add at most this many values to a document beyond one per source
 * byte (billion-laughs guard: a bomb blows through it at once, a real file never nears it).
 */
const ALIAS_EXPANSION_BUDGET = 100_000;

/**
 * Positions ride along with the plain data under a symbol: each map or sequence
 * carries the packed position of each of its keys or items. The syntax tree is
 * dropped after conversion, so a large repo keeps only data plus small integers.
 */
const POSITIONS = Symbol('yaml positions');
/** Packed key positions: an object with the same keys as its map (so V8 shares its shape), or an array. */
type Positions = Record<string, number> | number[];
type Positioned = { [POSITIONS]?: Positions };
const COLUMN_BITS = 4096;
const pack = (p: { line: number; col: number }) => p.line * COLUMN_BITS + Math.min(p.col, COLUMN_BITS - 1);
const unpack = (packed: number): Position => ({ line: Math.floor(packed / COLUMN_BITS), column: packed % COLUMN_BITS });

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(parsed) ? parsed : [];
  const positionOf = (offset: number) => pack(lineCounter.linePos(offset));
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) problems.push({ ...unpack(positionOf(error.pos[0])), message: firstLine(error.message) });
      return;
    }
    let data: unknown;
    try {
      data = new Converter(doc, positionOf, text.length + ALIAS_EXPANSION_BUDGET).convert(doc.contents);
    } catch (error) {
      problems.push({ ...unpack(positionOf(doc.range[0])), message: firstLine((error as Error).message) });
      return;
    }
    if (data === null || data === undefined) return;
    const start = positionOf(doc.contents?.range?.[0] ?? doc.range[0]);
    documents.push({ index, data, start: unpack(start), locate: (path) => locate(data, start, path) });
  });
  return { documents, problems };
}

/** The syntax tree as plain data, like `toJS`, recording where each key and item starts. */
class Converter {
  private values = 0;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly positionOf: (offset: number) => number,
    private readonly maxValues: number,
  ) {}

  convert(node: unknown): unknown {
    if (++this.values > this.maxValues) throw new ReferenceError('Excessive alias expansion indicates a resource exhaustion attack');
    if (isScalar(node)) return node.value;
    if (isAlias(node)) return this.convert(node.resolve(this.doc));
    if (isMap(node)) {
      const object: Record<string, unknown> & Positioned = {};
      const positions: Record<string, number> = {};
      const merged: { from: unknown; at: number | undefined }[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(this.convert(pair.key));
        const value = this.convert(pair.value);
        const range = (pair.key as Node | null)?.range ?? (pair.value as Node | null)?.range;
        if (key === '<<' && isScalar(pair.key) && (isAlias(pair.value) || isMap(pair.value) || isSeq(pair.value))) {
          // A merge key (`<<: *defaults`, common in compose files): its keys count unless set here.
          merged.push({ from: value, at: range ? this.positionOf(range[0]) : undefined });
          continue;
        }
        if (key === '__proto__') {
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
          continue;
        }
        object[key] = value;
        if (range) positions[key] = this.positionOf(range[0]);
      }
      for (const { from, at } of merged) {
        for (const source of Array.isArray(from) ? from : [from]) {
          if (source === null || typeof source !== 'object' || Array.isArray(source)) continue;
          for (const [key, value] of Object.entries(source)) {
            if (key in object || key === '__proto__') continue;
            object[key] = value;
            if (at !== undefined) positions[key] = at;
          }
        }
      }
      object[POSITIONS] = positions;
      return object;
    }
    if (isSeq(node)) {
      const array: unknown[] & Positioned = [];
      const positions: number[] = [];
      for (const item of node.items) {
        array.push(this.convert(item));
        positions.push((item as Node | null)?.range ? this.positionOf((item as Node).range![0]) : 0);
      }
      array[POSITIONS] = positions;
      return array;
    }
    return null;
  }
}

function locate(data: unknown, start: number, path: YamlPath): Position & { found: boolean } {
  let node = data;
  let at = start;
  for (const segment of path) {
    const positions = node !== null && typeof node === 'object' ? (node as Positioned)[POSITIONS] : undefined;
    const position = positions && Object.hasOwn(positions, segment) ? (positions as Record<string | number, number>)[segment] : undefined;
    if (!position) return { ...unpack(at), found: false };
    at = position;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return { ...unpack(at), found: true };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Parses "a.b[0].c" into a YamlPath. */
export function toYamlPath(dotted: string): YamlPath {
  const path: (string | number)[] = [];
  for (const part of dotted.split('.')) {
    if (part === '') continue;
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      path.push(part);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}
