import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';

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

/** Aliases expanded beyond this count abort the document (billion-laughs guard). */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) problems.push({ ...position(error.pos[0]), message: firstLine(error.message) });
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({ ...position(doc.range[0]), message: firstLine((error as Error).message) });
      return;
    }
    if (data === null || data === undefined) return;
    const root = doc.contents;
    documents.push({
      index,
      data,
      start: position(root?.range?.[0] ?? doc.range[0]),
      locate(path) {
        let node: unknown = root;
        let at = root?.range ? position(root.range[0]) : position(doc.range[0]);
        for (const segment of path) {
          if (isMap(node)) {
            const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
            if (!pair) return { ...at, found: false };
            const key = pair.key as Node;
            if (key.range) at = position(key.range[0]);
            node = pair.value;
          } else if (isSeq(node) && typeof segment === 'number') {
            const item = node.items[segment] as Node | undefined;
            if (!item) return { ...at, found: false };
            if (item.range) at = position(item.range[0]);
            node = item;
          } else {
            return { ...at, found: false };
          }
        }
        return { ...at, found: true };
      },
    });
  });
  return { documents, problems };
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
