import { formatElapsed } from '../../duration.js';
import { andThen, type Evaluation, type Test } from './condition.js';
import { formatMs, show, truncate } from './messages.js';
import { PHASES, type Subject } from './subjects.js';
import { type Op, ORDERING, ParseError, TEXTUAL } from './tokens.js';
import type { Pattern } from './pattern.js';
import { describeValue, type Value } from './values.js';

/**
 * Type-checks a parsed condition and compiles it to a closure, so that evaluating it is a
 * property read and a comparison. Type errors are ParseErrors at the operator or the value.
 */
export function compile(subject: Subject, op: Op, value: Value, { opColumn, valueColumn, raw }: { opColumn: number; valueColumn: number; raw: string }): Test {
  const { name } = subject;
  const wrongValue = (expected: string) => new ParseError(valueColumn, `${op} on ${name} needs ${expected}; ${raw} is ${describeValue(value)}`);
  if (value.type === 'regex' && op !== 'matches') throw new ParseError(valueColumn, `a /regex/ goes with matches: ${name} matches ${String(value.value)}`);
  if (op === 'matches' && value.type !== 'regex') throw wrongValue('a /regex/');

  if (name === 'status' || name.startsWith('latency') || name === 'cert.expires') {
    const duration = name !== 'status';
    if (!ORDERING.has(op)) throw new ParseError(opColumn, `${name} is ${duration ? 'a duration' : 'a number'}: use ==, !=, <, <=, >, >=`);
    if (name === 'cert.expires' ? value.type !== 'duration' : value.type !== 'number' && !(duration && value.type === 'duration'))
      throw wrongValue(name === 'cert.expires' ? 'a duration such as 14d' : duration ? 'a duration such as 500ms' : 'a number');
    return numeric(name, op as Ordering, value.value as number);
  }
  if (name === 'answers' || name === 'answer') {
    if (!TEXTUAL.has(op)) throw new ParseError(opColumn, `${name} are text: use ==, !=, contains, !contains, matches`);
    if (op !== 'matches' && value.type !== 'string') throw wrongValue("'text'");
    return answers(op, value.value as string | Pattern);
  }
  if (subject.path) return json(subject.path, op, value, wrongValue);
  if (!TEXTUAL.has(op)) throw new ParseError(opColumn, `${name} is text: use ==, !=, contains, !contains, matches`);
  if (op !== 'matches' && value.type !== 'string') throw wrongValue("'text'");
  const header = subject.header;
  const read: (evaluation: Evaluation) => string | undefined = header
    ? ({ observation }) => observation.headers?.get(header)?.join(', ')
    : ({ observation }) => observation.body;
  return text(read, op, value.value as string | Pattern, header !== undefined);
}

type Ordering = '==' | '!=' | '<' | '<=' | '>' | '>=';
const COMPARE: Record<Ordering, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numeric(name: string, op: Ordering, expected: number): Test {
  const compare = COMPARE[op];
  if (name === 'status')
    return ({ observation: { status } }) => (status === undefined ? 'no response' : compare(status, expected) ? undefined : `got ${status}`);
  if (name === 'cert.expires')
    return ({ observation: { certExpiresAt }, now }) => {
      if (certExpiresAt === undefined) return 'no certificate';
      const left = certExpiresAt - now;
      if (compare(left, expected)) return undefined;
      return left > 0 ? `expires in ${formatElapsed(left)}` : `expired ${formatElapsed(-left)} ago`;
    };
  if (name === 'latency') return ({ observation: { latencyMs } }) => (compare(latencyMs, expected) ? undefined : `took ${formatMs(latencyMs)}`);
  const phase = PHASES[name.slice('latency.'.length) as keyof typeof PHASES];
  return ({ observation: { phases } }) => {
    const ms = phases?.[phase];
    return ms === undefined ? 'not measured' : compare(ms, expected) ? undefined : `took ${formatMs(ms)}`;
  };
}

function text(read: (evaluation: Evaluation) => string | undefined, op: Op, expected: string | Pattern, isHeader: boolean): Test {
  const missing = isHeader ? 'no such header' : 'no body';
  switch (op) {
    case '==':
      return (evaluation) => {
        const value = read(evaluation);
        return value === expected ? undefined : value === undefined ? missing : `got ${show(value)}`;
      };
    case '!=':
      return (evaluation) => (read(evaluation) === expected ? `got ${show(expected)}` : undefined);
    case 'contains':
      return (evaluation) => {
        const value = read(evaluation);
        return value === undefined ? missing : value.includes(expected as string) ? undefined : isHeader ? `got ${show(value)}` : 'not found';
      };
    case '!contains':
      return (evaluation) => (read(evaluation)?.includes(expected as string) ? 'found' : undefined);
    default: {
      const pattern = expected as Pattern;
      return (evaluation) => {
        const value = read(evaluation);
        if (value === undefined) return missing;
        return andThen(pattern.test(value, evaluation.signal), (matched) => (matched ? undefined : isHeader ? `got ${show(value)}` : 'no match'));
      };
    }
  }
}

function answers(op: Op, expected: string | Pattern): Test {
  const some: (answer: string) => boolean = op === '==' || op === '!=' ? (answer) => answer === expected : (answer) => answer.includes(expected as string);
  const negated = op === '!=' || op === '!contains';
  const verdict = (list: readonly string[], found: string | undefined) => {
    if (negated) return found === undefined ? undefined : `found ${show(found)}`;
    if (found !== undefined) return undefined;
    return list.length === 0 ? 'got no answers' : `got ${truncate(list.map(show).join(', '), 120)}`;
  };
  return ({ observation, signal }) => {
    const list = observation.answers ?? [];
    if (op !== 'matches') return verdict(list, list.find(some));
    return andThen((expected as Pattern).find(list, signal), (found) => verdict(list, found));
  };
}

function json(path: readonly (string | number)[], op: Op, value: Value, wrongValue: (expected: string) => ParseError): Test {
  if ((op === '<' || op === '<=' || op === '>' || op === '>=') && value.type !== 'number') throw wrongValue('a number');
  if ((op === 'contains' || op === '!contains') && value.type !== 'string' && value.type !== 'number' && value.type !== 'boolean') throw wrongValue("'text' or a number");
  if (value.type === 'duration') throw wrongValue('a number, \'text\', true, false or null');
  const expected = value.value;
  const has = (found: unknown): boolean => {
    switch (op) {
      case '==':
        return found === expected;
      case '!=':
        return found !== expected;
      case 'contains':
      case '!contains': {
        const contained = Array.isArray(found) ? found.includes(expected) : typeof found === 'string' && found.includes(String(expected));
        return op === 'contains' ? contained : !contained;
      }
      default:
        return typeof found === 'number' && COMPARE[op as Ordering](found, expected as number);
    }
  };
  return (evaluation) => {
    const parsed = evaluation.parsedBody();
    if (!parsed) return 'the body is not JSON';
    let found: unknown = parsed.value;
    for (const key of path) found = found !== null && typeof found === 'object' ? (found as Record<string | number, unknown>)[key] : undefined;
    const verdict = (holds: boolean) => (holds ? undefined : `got ${show(found)}`);
    if (op !== 'matches') return verdict(has(found));
    return typeof found === 'string' ? andThen((expected as Pattern).test(found, evaluation.signal), verdict) : verdict(false);
  };
}
