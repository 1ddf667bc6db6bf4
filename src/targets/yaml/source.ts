import { Composer, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, type CST, type Document, type Node } from 'yaml';
import { MAX_YAML_DEPTH } from '../../limits.js';

/** A key path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface YamlProblem extends Position {
  message: string;
}

/** A key set more than once in one mapping. */
export interface YamlDuplicate {
  /** The mapping holding the key. */
  path: YamlPath;
  key: string;
  /** Where the key is first set. */
  first: Position;
  /** Where it is set again. */
  again: Position;
}

/** One document of a YAML file: its plain data plus a way back to source positions. */
export interface YamlDocument {
  readonly index: number;
  /** The data; a key set twice keeps its last value, as most YAML readers do. */
  readonly data: unknown;
  readonly start: Position;
  /** Position of the deepest node of `path` that exists (the key, for map entries). */
  locate(path: YamlPath): Position & { found: boolean };
  /** Keys set more than once in one mapping: YAML wants them unique, and tools disagree on which value wins. */
  readonly duplicates: readonly YamlDuplicate[];
  /**
   * With duplicate keys, the same document read again with the first (then the second, ...)
   * value of each winning, so that checks see every value some tool may apply; empty otherwise.
   */
  readonly readings: readonly YamlDocument[];
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

/** Other readings of a document whose keys repeat: a key set 40 times is not read 40 times. */
const MAX_READINGS = 3;

const NONE: readonly never[] = Object.freeze([]);

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
  const positionOf = (offset: number) => pack(lineCounter.linePos(offset));
  // The syntax tree is built by recursion: a document nested deeper than a real file ever is
  // would overflow the stack, so depth is measured on the parser's tokens first.
  // Tokens go to the composer one by one (as parseAllDocuments does): only one document's syntax is held at a time.
  const composer = new Composer({ uniqueKeys: false });
  const parsed: Document.Parsed[] = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    const tooDeep = token.type === 'document' ? collectionDeeperThan(token, MAX_YAML_DEPTH) : undefined;
    if (tooDeep) return { documents, problems: [{ ...unpack(positionOf(tooDeep.offset)), message: `nested more than ${MAX_YAML_DEPTH} levels deep` }] };
    parsed.push(...composer.next(token));
  }
  parsed.push(...composer.end());
  parsed.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) problems.push({ ...unpack(positionOf(error.pos[0])), message: firstLine(error.message) });
      return;
    }
    const read = (pick: Pick) => new Converter(doc, positionOf, text.length + ALIAS_EXPANSION_BUDGET, pick).convert(doc.contents, 0);
    const start = positionOf(doc.contents?.range?.[0] ?? doc.range[0]);
    const documentOf = (data: unknown, duplicates: readonly YamlDuplicate[], readings: readonly YamlDocument[]) => yamlDocument(index, data, start, duplicates, readings);
    try {
      const data = read('last');
      if (data === null || data === undefined) return;
      const { duplicates, mostOccurrences } = duplicateKeys(doc.contents, positionOf);
      const readings: YamlDocument[] = [];
      for (let pick = 0; pick < Math.min(mostOccurrences - 1, MAX_READINGS); pick++) readings.push(documentOf(read(pick), NONE, NONE));
      documents.push(documentOf(data, duplicates, readings));
    } catch (error) {
      problems.push({ ...unpack(positionOf(doc.range[0])), message: firstLine((error as Error).message) });
    }
  });
  return { documents, problems };
}

/**
 * Built outside parseYaml: a closure made there would keep its scope alive, and with it the
 * syntax tree and the text of the file for as long as the document is held (four times the data).
 */
function yamlDocument(index: number, data: unknown, start: number, duplicates: readonly YamlDuplicate[], readings: readonly YamlDocument[]): YamlDocument {
  return { index, data, start: unpack(start), locate: (path) => locate(data, start, path), duplicates, readings };
}

/** The first collection (map, sequence, flow collection) nested deeper than `max` in a document's tokens. */
function collectionDeeperThan(document: CST.Document, max: number): CST.Token | undefined {
  const stack: [CST.Token | null | undefined, number][] = [[document.value, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token || !('items' in token)) continue;
    if (depth + 1 > max) return token;
    for (const item of token.items) {
      if ('key' in item) stack.push([item.key, depth + 1]);
      stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** A path built only when a duplicate needs it: each step links to its parent. */
interface PathStep {
  parent: PathStep | undefined;
  segment: string | number;
}

function pathOf(step: PathStep | undefined): YamlPath {
  const path: (string | number)[] = [];
  for (let at = step; at; at = at.parent) path.push(at.segment);
  return path.reverse();
}

/** Keys repeated within a mapping (merge keys `<<` aside), and the most times one key appears. */
function duplicateKeys(contents: unknown, positionOf: (offset: number) => number): { duplicates: readonly YamlDuplicate[]; mostOccurrences: number } {
  const duplicates: YamlDuplicate[] = [];
  let mostOccurrences = 1;
  const stack: [unknown, PathStep | undefined][] = [[contents, undefined]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (isSeq(node)) node.items.forEach((item, i) => stack.push([item, { parent: path, segment: i }]));
    if (!isMap(node)) continue;
    const seen = node.items.length > 1 ? new Map<string, { key: Node; count: number }>() : undefined;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      stack.push([pair.value, { parent: path, segment: key }]);
      if (!seen || key === '<<') continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { key: pair.key, count: 1 });
        continue;
      }
      first.count += 1;
      mostOccurrences = Math.max(mostOccurrences, first.count);
      const position = (node: Node) => unpack(positionOf(node.range?.[0] ?? 0));
      duplicates.push({ path: pathOf(path), key, first: position(first.key), again: position(pair.key) });
    }
  }
  duplicates.sort((a, b) => a.again.line - b.again.line || a.again.column - b.again.column);
  return { duplicates: duplicates.length > 0 ? duplicates : NONE, mostOccurrences };
}

/** Which value of a key set several times a reading keeps: the last, or the n-th (0-based; the last when there are fewer). */
type Pick = 'last' | number;

/** The syntax tree as plain data, like `toJS`, recording where each key and item starts. */
class Converter {
  private values = 0;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly positionOf: (offset: number) => number,
    private readonly maxValues: number,
    private readonly pick: Pick,
  ) {}

  convert(node: unknown, depth: number): unknown {
    if (++this.values > this.maxValues) throw new ReferenceError('Excessive alias expansion indicates a resource exhaustion attack');
    // Aliases can nest a document deeper than its text does.
    if (depth > MAX_YAML_DEPTH) throw new RangeError(`nested more than ${MAX_YAML_DEPTH} levels deep (through aliases)`);
    if (isScalar(node)) return node.value;
    if (isAlias(node)) return this.convert(node.resolve(this.doc), depth);
    if (isMap(node)) {
      const object: Record<string, unknown> & Positioned = {};
      const positions: Record<string, number> = {};
      const merged: { from: unknown; at: number | undefined }[] = [];
      const chosen = this.pick === 'last' ? undefined : this.chosenPairs(node.items);
      for (const pair of node.items) {
        if (!isPair(pair) || (chosen && !chosen.has(pair))) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(this.convert(pair.key, depth + 1));
        const value = this.convert(pair.value, depth + 1);
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
        array.push(this.convert(item, depth + 1));
        positions.push((item as Node | null)?.range ? this.positionOf((item as Node).range![0]) : 0);
      }
      array[POSITIONS] = positions;
      return array;
    }
    return null;
  }

  /** For a reading that keeps the n-th value of a repeated key: the pairs it keeps. */
  private chosenPairs(pairs: readonly unknown[]): Set<unknown> {
    const byKey = new Map<string, unknown[]>();
    const chosen = new Set<unknown>();
    for (const pair of pairs) {
      const key = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : '<<';
      if (key === '<<') chosen.add(pair);
      else if (byKey.has(key)) byKey.get(key)!.push(pair);
      else byKey.set(key, [pair]);
    }
    for (const same of byKey.values()) chosen.add(same[Math.min(this.pick as number, same.length - 1)]);
    return chosen;
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
