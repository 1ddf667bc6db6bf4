import type { MonitorKind } from '../plan/monitor-schema.js';
import { formatElapsed, parseDuration } from './duration.js';
import type { Observation } from './probes/define.js';

/**
 * The condition language of monitors (`expect:`): `SUBJECT OP VALUE`, e.g. `status == 200`,
 * `latency < 500ms`, `body.status == 'ok'`, `cert.expires > 14d`. Conditions are compiled to
 * closures once, when the plan loads; evaluating one is a property read and a comparison.
 * docs/monitor-conditions.md is the reference.
 */

export interface ConditionError {
  /** Index into the list of condition texts. */
  index: number;
  /** 1-based column in that text. */
  column: number;
  message: string;
}

export interface Condition {
  /** As written (trimmed); empty for a default condition, whose detail is the whole reason. */
  readonly text: string;
  /** What it looks at: status, latency, latency.dns, body, body.PATH, header.NAME, cert.expires, answers. */
  readonly subject: string;
  /** undefined when it holds; else what was found instead ("got 503"). */
  readonly test: (sample: Evaluation) => string | undefined;
}

/** One observation being evaluated; its body is parsed as JSON at most once, on first use. */
class Evaluation {
  private json: { value: unknown } | null | undefined;
  constructor(
    readonly observation: Observation,
    readonly now: number,
  ) {}

  /** The parsed JSON body; null when the body is not JSON. */
  parsedBody(): { value: unknown } | null {
    if (this.json === undefined) {
      try {
        this.json = { value: JSON.parse(this.observation.body ?? '') as unknown };
      } catch {
        this.json = null;
      }
    }
    return this.json;
  }
}
export type { Evaluation };

type Op = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | '!contains' | 'matches';
const OPS: readonly Op[] = ['!contains', 'contains', 'matches', '==', '!=', '<=', '>=', '<', '>'];
const ORDERING: ReadonlySet<Op> = new Set(['==', '!=', '<', '<=', '>', '>=']);
const TEXTUAL: ReadonlySet<Op> = new Set(['==', '!=', 'contains', '!contains', 'matches']);

type Value =
  | { type: 'number'; value: number }
  | { type: 'duration'; value: number }
  | { type: 'string'; value: string }
  | { type: 'regex'; value: RegExp }
  | { type: 'boolean'; value: boolean }
  | { type: 'null'; value: null };

const PHASES = { dns: 'dnsMs', connect: 'connectMs', tls: 'tlsMs', firstByte: 'firstByteMs' } as const;

const SUBJECTS: Record<MonitorKind, readonly string[]> = {
  http: ['status', 'latency', 'latency.dns', 'latency.connect', 'latency.tls', 'latency.firstByte', 'body', 'header', 'cert.expires'],
  tcp: ['latency', 'latency.dns', 'latency.connect'],
  dns: ['latency', 'answers', 'answer'],
  tls: ['latency', 'latency.dns', 'latency.connect', 'latency.tls', 'cert.expires'],
};

class ParseError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

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

/** undefined when every condition holds; else the first failure: "status == 200: got 503". */
export function evaluateConditions(conditions: readonly Condition[], observation: Observation, now: number): string | undefined {
  if (conditions.length === 0) return undefined;
  const evaluation = new Evaluation(observation, now);
  for (const condition of conditions) {
    const detail = condition.test(evaluation);
    if (detail !== undefined) return condition.text ? `${condition.text}: ${detail}` : detail;
  }
  return undefined;
}

function defaults(kind: MonitorKind, given: readonly Condition[]): Condition[] {
  const mentions = (subject: string) => given.some((condition) => condition.subject === subject);
  if (kind === 'http' && !mentions('status'))
    return [{ text: '', subject: 'status', test: ({ observation: { status } }) => (status === undefined ? 'no response' : status >= 200 && status < 400 ? undefined : `status ${status}`) }];
  if (kind === 'dns' && !mentions('answers')) return [{ text: '', subject: 'answers', test: ({ observation }) => (observation.answers?.length ? undefined : 'NODATA (no answers)') }];
  if (kind === 'tls' && !mentions('cert.expires'))
    return [
      {
        text: '',
        subject: 'cert.expires',
        test: ({ observation, now }) => (observation.certExpiresAt === undefined ? 'no certificate' : observation.certExpiresAt > now ? undefined : 'certificate has expired'),
      },
    ];
  return [];
}

// ---- parsing ----

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  get column(): number {
    return this.pos + 1;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  /** Consumes a match of `pattern` (sticky) at the cursor. */
  take(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
}

const IDENT = /[A-Za-z_$][\w$-]*/y;
const INDEX = /\[(\d+)\]/y;
const OP_AT = /(!contains|contains|matches)(?![\w$])|==|!=|<=|>=|<|>/y;

interface Subject {
  name: string;
  column: number;
  /** For body.PATH: the keys and indexes. */
  path?: (string | number)[];
  /** For header.NAME: the lower-case name. */
  header?: string;
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

function parseSubject(cursor: Cursor, kind: MonitorKind): Subject {
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

function parseValue(cursor: Cursor): Value {
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

function parseString(cursor: Cursor): string {
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

function parseRegex(cursor: Cursor): RegExp {
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
  try {
    // g and y make test() stateful across samples; they mean nothing for a yes/no match.
    return new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch (error) {
    throw new ParseError(column, `invalid regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

// ---- type checking and compilation ----

type Test = Condition['test'];

function compile(subject: Subject, op: Op, value: Value, { opColumn, valueColumn, raw }: { opColumn: number; valueColumn: number; raw: string }): Test {
  const { name } = subject;
  const wrongValue = (expected: string) => new ParseError(valueColumn, `${op} on ${name} needs ${expected}; ${raw} is ${describeValue(value)}`);
  if (value.type === 'regex' && op !== 'matches') throw new ParseError(valueColumn, `a /regex/ goes with matches: ${name} matches ${regexText(value.value)}`);
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
    return answers(op, value.value as string | RegExp);
  }
  if (subject.path) return json(subject.path, op, value, wrongValue);
  if (!TEXTUAL.has(op)) throw new ParseError(opColumn, `${name} is text: use ==, !=, contains, !contains, matches`);
  if (op !== 'matches' && value.type !== 'string') throw wrongValue("'text'");
  const header = subject.header;
  const read: (evaluation: Evaluation) => string | undefined = header
    ? ({ observation }) => observation.headers?.get(header)?.join(', ')
    : ({ observation }) => observation.body;
  return text(read, op, value.value as string | RegExp, header !== undefined);
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

function text(read: (evaluation: Evaluation) => string | undefined, op: Op, expected: string | RegExp, isHeader: boolean): Test {
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
      const pattern = expected as RegExp;
      return (evaluation) => {
        const value = read(evaluation);
        return value === undefined ? missing : pattern.test(value) ? undefined : isHeader ? `got ${show(value)}` : 'no match';
      };
    }
  }
}

function answers(op: Op, expected: string | RegExp): Test {
  const some: (answer: string) => boolean =
    op === '==' || op === '!=' ? (answer) => answer === expected : op === 'matches' ? (answer) => (expected as RegExp).test(answer) : (answer) => answer.includes(expected as string);
  const negated = op === '!=' || op === '!contains';
  return ({ observation }) => {
    const list = observation.answers ?? [];
    const found = list.find(some);
    if (negated) return found === undefined ? undefined : `found ${show(found)}`;
    if (found !== undefined) return undefined;
    return list.length === 0 ? 'got no answers' : `got ${truncate(list.map(show).join(', '), 120)}`;
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
      case 'matches':
        return typeof found === 'string' && (expected as RegExp).test(found);
      default:
        return typeof found === 'number' && COMPARE[op](found, expected as number);
    }
  };
  return (evaluation) => {
    const parsed = evaluation.parsedBody();
    if (!parsed) return 'the body is not JSON';
    let found: unknown = parsed.value;
    for (const key of path) found = found !== null && typeof found === 'object' ? (found as Record<string | number, unknown>)[key] : undefined;
    return has(found) ? undefined : `got ${show(found)}`;
  };
}

// ---- messages ----

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${truncate(value, 80)}'`;
  return truncate(JSON.stringify(value) ?? String(value), 80);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

function describeValue(value: Value): string {
  return { number: 'a number', duration: 'a duration', string: 'text', regex: 'a regex', boolean: 'a boolean', null: 'null' }[value.type];
}

function regexText(pattern: RegExp): string {
  return `/${pattern.source}/${pattern.flags}`;
}

function word(rest: string): string {
  return truncate(rest.split(/\s/)[0] || rest, 30);
}

function example(name: string): string {
  if (name === 'status') return 'status == 200';
  if (name.startsWith('latency')) return `${name} < 500ms`;
  if (name === 'cert.expires') return 'cert.expires > 14d';
  return `${name} contains 'text'`;
}
