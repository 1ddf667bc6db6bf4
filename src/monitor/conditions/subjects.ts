import type { MonitorKind } from '../model.js';
import { word } from './messages.js';
import { type Cursor, IDENT, INDEX, ParseError } from './tokens.js';
import { parseString } from './values.js';

/** The latency phases a condition can name, by the Observation field that holds each. */
export const PHASES = { dns: 'dnsMs', connect: 'connectMs', tls: 'tlsMs', firstByte: 'firstByteMs' } as const;

/** What each probe kind can be asked about. */
export const SUBJECTS: Record<MonitorKind, readonly string[]> = {
  http: ['status', 'latency', 'latency.dns', 'latency.connect', 'latency.tls', 'latency.firstByte', 'body', 'header', 'cert.expires'],
  tcp: ['latency', 'latency.dns', 'latency.connect'],
  dns: ['latency', 'answers', 'answer'],
  tls: ['latency', 'latency.dns', 'latency.connect', 'latency.tls', 'cert.expires'],
};

export interface Subject {
  name: string;
  column: number;
  /** For body.PATH: the keys and indexes. */
  path?: (string | number)[];
  /** For header.NAME: the lower-case name. */
  header?: string;
}

export function parseSubject(cursor: Cursor, kind: MonitorKind): Subject {
  const column = cursor.column;
  const root = cursor.take(IDENT);
  if (!root) throw new ParseError(column, `expected a subject (${SUBJECTS[kind].join(', ')}), found "${word(cursor.rest())}"`);
  const available = (name: string) => {
    if (!SUBJECTS[kind].includes(name)) throw new ParseError(column, `${name} is not available on a ${kind} monitor (it has ${SUBJECTS[kind].join(', ')})`);
  };
  const segment = (): string => {
    const at = cursor.column;
    if (cursor.take(/\./y) === undefined) throw new ParseError(at, `expected "." after ${root}`);
    const name = cursor.take(IDENT) ?? cursor.take(/[\w-]+/y);
    if (!name) throw new ParseError(cursor.column, `expected a name after "${root}."`);
    return name;
  };
  switch (root) {
    case 'status':
    case 'answers':
    case 'answer':
      available(root);
      return { name: root, column };
    case 'latency': {
      if (cursor.text[cursor.pos] !== '.') {
        available('latency');
        return { name: 'latency', column };
      }
      const phaseColumn = cursor.column + 1;
      const phase = segment();
      if (!(phase in PHASES)) throw new ParseError(phaseColumn, `unknown phase "${phase}" (latency.dns, latency.connect, latency.tls, latency.firstByte)`);
      available(`latency.${phase}`);
      return { name: `latency.${phase}`, column };
    }
    case 'cert': {
      const fieldColumn = cursor.column + 1;
      if (segment() !== 'expires') throw new ParseError(fieldColumn, 'the certificate subject is cert.expires');
      available('cert.expires');
      return { name: 'cert.expires', column };
    }
    case 'header': {
      available('header');
      const name = cursor.text.startsWith('[', cursor.pos) ? bracketKey(cursor) : segment();
      if (typeof name !== 'string') throw new ParseError(column, 'a header is named: header.content-type');
      return { name: `header.${name}`, column, header: name.toLowerCase() };
    }
    case 'body': {
      available('body');
      const path: (string | number)[] = [];
      for (;;) {
        if (cursor.text.startsWith('[', cursor.pos)) path.push(bracketKey(cursor));
        else if (cursor.text.startsWith('.', cursor.pos)) path.push(segment());
        else break;
      }
      return path.length ? { name: cursor.text.slice(column - 1, cursor.pos), column, path } : { name: 'body', column };
    }
    default:
      throw new ParseError(column, `unknown subject "${root}" (a ${kind} monitor has ${SUBJECTS[kind].join(', ')})`);
  }
}

/** `[0]` or `['key']` / `["key"]`. */
function bracketKey(cursor: Cursor): string | number {
  const column = cursor.column;
  const index = cursor.take(INDEX);
  if (index) return Number(index.slice(1, -1));
  cursor.pos++;
  const quote = cursor.text[cursor.pos];
  if (quote === "'" || quote === '"') {
    const key = parseString(cursor);
    if (cursor.take(/\]/y)) return key;
  }
  throw new ParseError(column, 'expected [INDEX] or [\'key\']');
}

/** A well-formed condition on `name`, for "needs an operator and a value" errors. */
export function example(name: string): string {
  if (name === 'status') return 'status == 200';
  if (name.startsWith('latency')) return `${name} < 500ms`;
  if (name === 'cert.expires') return 'cert.expires > 14d';
  return `${name} contains 'text'`;
}
