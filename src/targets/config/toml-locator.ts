import type { Position, YamlPath } from '../yaml/source.js';

/**
 * Where a TOML document writes each key: table headers (`[http.middlewares.secure.headers]`),
 * arrays of tables (`[[acme.domains]]`, numbered in order) and `key = value` lines with dotted
 * or quoted keys. Keys inside inline tables and multi-line values are not indexed: a path
 * there resolves to the nearest written ancestor. Good enough for configuration files; the
 * values themselves come from a real TOML parser.
 */
export function tomlLocator(text: string): (path: YamlPath) => Position {
  const positions = new Map<string, Position>();
  const arrayCounts = new Map<string, number>();
  let table: string[] = [];
  let open: Open | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (open) {
      open = stillOpen(open, raw);
      return;
    }
    const column = raw.length - raw.trimStart().length + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const header = /^(\[\[?)(.*?)\]\]?\s*(?:#.*)?$/.exec(trimmed);
    if (header) {
      const keys = splitKey(header[2]!);
      if (!keys) return;
      if (header[1] === '[[') {
        const key = keyOf(keys);
        const count = arrayCounts.get(key) ?? 0;
        arrayCounts.set(key, count + 1);
        record(positions, keys, { line, column });
        table = [...keys, String(count)];
      } else table = keys;
      record(positions, table, { line, column });
      return;
    }
    const assignment = /^((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=\s*(.*)$/.exec(trimmed);
    if (!assignment) return;
    const keys = splitKey(assignment[1]!);
    if (!keys) return;
    record(positions, [...table, ...keys], { line, column });
    open = valueOpens(assignment[2]!);
  });
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const found = positions.get(keyOf(path.slice(0, length).map(String)));
      if (found) return found;
    }
    return { line: 1, column: 1 };
  };
}

/** Keys compared without case: Traefik reads `STSSeconds` as `stsSeconds`. */
function keyOf(keys: readonly string[]): string {
  return keys.join('\u0000').toLowerCase();
}

/** The first place a path is written wins; every ancestor of a dotted key is written there too. */
function record(positions: Map<string, Position>, keys: readonly string[], at: Position): void {
  for (let length = 1; length <= keys.length; length++) {
    const key = keyOf(keys.slice(0, length));
    if (!positions.has(key)) positions.set(key, at);
  }
}

/** `a."b.c".'d'` → `['a', 'b.c', 'd']`; undefined when it is not a key. */
function splitKey(source: string): string[] | undefined {
  const keys: string[] = [];
  const part = /\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(\.|$)/y;
  let match: RegExpExecArray | null;
  while (part.lastIndex < source.length && (match = part.exec(source))) {
    keys.push(match[1] ?? unescape(match[2]) ?? match[3]!);
    if (match[4] === '') break;
  }
  return keys.length > 0 && part.lastIndex >= source.length ? keys : undefined;
}

function unescape(quoted: string | undefined): string | undefined {
  if (quoted === undefined) return undefined;
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

/** A value that goes on past its line: a multi-line string, or an array left open (by how many brackets). */
type Open = { quote: string } | { depth: number };

function valueOpens(value: string): Open | undefined {
  const start = value.trimStart();
  for (const quote of ['"""', "'''"]) {
    if (start.startsWith(quote)) return start.indexOf(quote, 3) === -1 ? { quote } : undefined;
  }
  const depth = bracketDepth(start);
  return depth > 0 ? { depth } : undefined;
}

function stillOpen(open: Open, line: string): Open | undefined {
  if ('quote' in open) return line.includes(open.quote) ? undefined : open;
  const depth = open.depth + bracketDepth(line);
  return depth > 0 ? { depth } : undefined;
}

/** Net `[`/`{` minus `]`/`}` outside strings and comments. */
function bracketDepth(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') break;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return depth;
}
