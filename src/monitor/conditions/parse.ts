import type { MonitorKind } from '../model.js';
import { compile } from './compile.js';
import type { Condition, ConditionError } from './condition.js';
import { defaults } from './defaults.js';
import { word } from './messages.js';
import { example, parseSubject, type Subject, SUBJECTS } from './subjects.js';
import { Cursor, type Op, OP_AT, OPS, ParseError } from './tokens.js';
import { parseValue } from './values.js';

/**
 * Parses and type-checks a monitor's conditions. The defaults are added for what the list does
 * not mention: http `status` 200-399, dns at least one answer, tls an unexpired certificate.
 * A dns condition may leave out its subject: `contains 'p=reject'` is `answers contains 'p=reject'`.
 */
export function parseConditions(texts: readonly string[], kind: MonitorKind): { conditions: Condition[]; errors: ConditionError[] } {
  const conditions: Condition[] = [];
  const errors: ConditionError[] = [];
  texts.forEach((text, index) => {
    try {
      conditions.push(parseCondition(text, kind));
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      errors.push({ index, column: error.column, message: error.message });
    }
  });
  return { conditions: [...defaults(kind, conditions), ...conditions], errors };
}

function parseCondition(source: string, kind: MonitorKind): Condition {
  const cursor = new Cursor(source);
  cursor.skipSpace();
  if (cursor.done) throw new ParseError(1, 'empty condition');
  const start = cursor.pos;
  let subject: Subject;
  OP_AT.lastIndex = cursor.pos;
  if (OP_AT.test(source)) {
    if (kind !== 'dns') throw new ParseError(cursor.column, `a condition starts with what it looks at: ${SUBJECTS[kind].join(', ')}`);
    subject = { name: 'answers', column: cursor.column };
  } else subject = parseSubject(cursor, kind);
  cursor.skipSpace();
  const opColumn = cursor.column;
  const op = cursor.take(OP_AT) as Op | undefined;
  if (!op) {
    if (cursor.done) throw new ParseError(opColumn, `${subject.name} needs an operator and a value, e.g. ${example(subject.name)}`);
    if (cursor.rest().startsWith('=')) throw new ParseError(opColumn, 'use == to compare');
    throw new ParseError(opColumn, `expected an operator (${OPS.join(', ')}), found "${word(cursor.rest())}"`);
  }
  cursor.skipSpace();
  const valueColumn = cursor.column;
  if (cursor.done) throw new ParseError(valueColumn, `expected a value after ${op}`);
  const value = parseValue(cursor);
  const raw = source.slice(valueColumn - 1, cursor.pos);
  cursor.skipSpace();
  if (!cursor.done) throw new ParseError(cursor.column, `unexpected "${word(cursor.rest())}" after the value`);
  const test = compile(subject, op, value, { opColumn, valueColumn, raw });
  const text = source.slice(start).trimEnd();
  const canonical = subject.name === 'answer' ? 'answers' : subject.path ? 'body.PATH' : subject.header ? `header.${subject.header}` : subject.name;
  return { text, subject: canonical, test };
}
