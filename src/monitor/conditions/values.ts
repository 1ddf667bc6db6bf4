import { parseDuration } from '../../duration.js';
import { word } from './messages.js';
import { Pattern } from './pattern.js';
import { type Cursor, ParseError } from './tokens.js';

/** The right-hand side of a condition: a number, a duration, 'text', /regex/, true, false or null. */
export type Value =
  | { type: 'number'; value: number }
  | { type: 'duration'; value: number }
  | { type: 'string'; value: string }
  | { type: 'regex'; value: Pattern }
  | { type: 'boolean'; value: boolean }
  | { type: 'null'; value: null };

export function parseValue(cursor: Cursor): Value {
  const column = cursor.column;
  const char = cursor.text[cursor.pos];
  if (char === "'" || char === '"') return { type: 'string', value: parseString(cursor) };
  if (char === '/') return { type: 'regex', value: parseRegex(cursor) };
  const number = cursor.take(/-?\d+(\.\d+)?(?![\w.])/y);
  if (number !== undefined) return { type: 'number', value: Number(number) };
  const duration = cursor.take(/-?\d+(\.\d+)?[a-z]+(?![\w.])/y);
  if (duration !== undefined) {
    const ms = parseDuration(duration.replace(/^-/, ''));
    if (ms === undefined) throw new ParseError(column, `"${duration}" is not a duration (use ms, s, m, h, d or w)`);
    return { type: 'duration', value: duration.startsWith('-') ? -ms : ms };
  }
  const literal = cursor.take(/(true|false|null)(?![\w$])/y);
  if (literal === 'null') return { type: 'null', value: null };
  if (literal) return { type: 'boolean', value: literal === 'true' };
  throw new ParseError(column, `expected a value (a number, a duration such as 500ms, 'text', /regex/, true, false or null), found "${word(cursor.rest())}"`);
}

export function parseString(cursor: Cursor): string {
  const column = cursor.column;
  const quote = cursor.text[cursor.pos++];
  let value = '';
  while (cursor.pos < cursor.text.length) {
    const char = cursor.text[cursor.pos++]!;
    if (char === quote) return value;
    if (char === '\\' && cursor.pos < cursor.text.length) {
      const next = cursor.text[cursor.pos++]!;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else value += char;
  }
  throw new ParseError(column, `unterminated string: add the closing ${quote}`);
}

function parseRegex(cursor: Cursor): Pattern {
  const column = cursor.column;
  let pos = cursor.pos + 1;
  let inClass = false;
  for (; pos < cursor.text.length; pos++) {
    const char = cursor.text[pos];
    if (char === '\\') pos++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
  }
  if (pos >= cursor.text.length) throw new ParseError(column, 'unterminated /regex/: add the closing /');
  const pattern = cursor.text.slice(cursor.pos + 1, pos);
  cursor.pos = pos + 1;
  const flags = cursor.take(/[a-z]*/y) ?? '';
  return Pattern.compile(pattern, flags, column + 1);
}

export function describeValue(value: Value): string {
  return { number: 'a number', duration: 'a duration', string: 'text', regex: 'a regex', boolean: 'a boolean', null: 'null' }[value.type];
}
