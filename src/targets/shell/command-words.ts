/**
 * A small POSIX/bash reader: splits a script into simple commands of words, with
 * quotes removed, backslash-newline continuations joined, comments dropped,
 * array assignments (`args=( ... )`) and here-documents kept. Expansions (`$X`,
 * `${X}`, `$(...)`, backticks) stay in the word text verbatim; see `resolveWord`.
 * It reads what a script says, it does not execute it: control structures are
 * flattened into the commands they contain.
 */

export interface ShellWord {
  /** The word with quotes and escapes removed; expansions kept as written. */
  readonly text: string;
  /** 1-based line and column where the word starts. */
  readonly line: number;
  readonly column: number;
}

export interface HereDoc {
  readonly body: string;
  /** Line of the body's first line. */
  readonly line: number;
  /** `<<'EOF'` or `<<"EOF"`: no expansion in the body. */
  readonly quoted: boolean;
}

export interface ShellCommand {
  /** Words, leading reserved words (`if`, `then`, `do`, `!`, ...) removed. */
  readonly words: readonly ShellWord[];
  readonly line: number;
  /** `NAME=( ... )` or `NAME+=( ... )`: the array's name and elements. */
  readonly array?: { name: string; append: boolean; elements: readonly ShellWord[] };
  readonly heredocs: readonly HereDoc[];
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'case', 'esac', 'in']);
const ARRAY_START = /^([A-Za-z_]\w*)(\+?)=$/;

interface Pending {
  delimiter: string;
  strip: boolean;
  quoted: boolean;
  command: { heredocs: HereDoc[] };
}

/** Every simple command of a script, in source order. */
export function shellCommands(text: string): ShellCommand[] {
  return new Reader(text).read();
}

class Reader {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly commands: ShellCommand[] = [];
  private words: ShellWord[] = [];
  private heredocs: HereDoc[] = [];
  private pending: Pending[] = [];

  constructor(private readonly text: string) {}

  read(): ShellCommand[] {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === '\\' && text[this.pos + 1] === '\n') {
        this.pos += 2;
        this.newLine();
      } else if (ch === '\\' && text[this.pos + 1] === '\r' && text[this.pos + 2] === '\n') {
        this.pos += 3;
        this.newLine();
      } else if (ch === '\n') {
        this.pos++;
        this.endCommand();
        this.newLine();
        this.readHereDocs();
      } else if (ch === ' ' || ch === '\t' || ch === '\r') {
        this.pos++;
      } else if (ch === '#') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
        this.pos++;
        this.endCommand();
      } else if (ch === '<' && text[this.pos + 1] === '<' && text[this.pos + 2] !== '<') {
        this.readHereDocOperator();
      } else if (ch === '<' || ch === '>') {
        // Redirections: the operator is skipped, its target reads as the next word.
        this.pos++;
        while (text[this.pos] === '>' || text[this.pos] === '&' || text[this.pos] === '<') this.pos++;
      } else {
        this.readWord();
      }
    }
    this.endCommand();
    return this.commands;
  }

  private newLine(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  private endCommand(): void {
    if (this.words.length === 0 && this.heredocs.length === 0) return;
    let start = 0;
    while (start < this.words.length && RESERVED.has(this.words[start]!.text)) start++;
    const words = this.words.slice(start);
    if (words.length > 0 || this.heredocs.length > 0) {
      this.commands.push({ words, line: words[0]?.line ?? this.words[0]?.line ?? this.line, heredocs: this.heredocs });
    }
    this.words = [];
    this.heredocs = [];
  }

  private readWord(): void {
    const text = this.text;
    const line = this.line;
    const column = this.pos - this.lineStart + 1;
    let out = '';
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '&' || ch === '|' || ch === '<' || ch === '>' || ch === ')') break;
      if (ch === '(') {
        const array = ARRAY_START.exec(out);
        if (array && this.words.length === 0) {
          this.pos++;
          this.readArray(array[1]!, array[2] === '+', line);
          return;
        }
        break;
      }
      if (ch === '\\') {
        const next = text[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
          this.newLine();
          continue;
        }
        if (next !== undefined) out += next;
        this.pos += 2;
      } else if (ch === "'") {
        const end = text.indexOf("'", this.pos + 1);
        const stop = end < 0 ? text.length : end;
        out += this.consume(this.pos + 1, stop);
        this.pos = stop + 1;
      } else if (ch === '"') {
        out += this.readDoubleQuoted();
      } else if (ch === '$' && (text[this.pos + 1] === '(' || text[this.pos + 1] === '{')) {
        const start = this.pos;
        this.skipBalanced(this.pos + 1);
        out += this.consume(start, this.pos);
      } else if (ch === '`') {
        const end = text.indexOf('`', this.pos + 1);
        const stop = end < 0 ? text.length : end + 1;
        out += this.consume(this.pos, stop);
        this.pos = stop;
      } else {
        out += ch;
        this.pos++;
      }
    }
    this.words.push({ text: out, line, column });
  }

  /** Text between two offsets, counting the newlines it crosses. */
  private consume(from: number, to: number): string {
    const chunk = this.text.slice(from, to);
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = from + i + 1;
    }
    return chunk;
  }

  private readDoubleQuoted(): string {
    const text = this.text;
    this.pos++;
    let out = '';
    while (this.pos < text.length && text[this.pos] !== '"') {
      const ch = text[this.pos]!;
      if (ch === '\\' && '"\\$`\n'.includes(text[this.pos + 1] ?? '')) {
        const next = text[this.pos + 1]!;
        if (next === '\n') {
          this.pos += 2;
          this.newLine();
          continue;
        }
        out += next;
        this.pos += 2;
      } else if (ch === '$' && (text[this.pos + 1] === '(' || text[this.pos + 1] === '{')) {
        const start = this.pos;
        this.skipBalanced(this.pos + 1);
        out += this.consume(start, this.pos);
      } else {
        if (ch === '\n') {
          this.pos++;
          this.newLine();
          out += ch;
          continue;
        }
        out += ch;
        this.pos++;
      }
    }
    this.pos++;
    return out;
  }

  /** From an opening `(` or `{` at `open`, moves past its matching close, skipping quoted text. */
  private skipBalanced(open: number): void {
    const text = this.text;
    const opener = text[open]!;
    const closer = opener === '(' ? ')' : '}';
    let depth = 0;
    let i = open;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === "'" && opener === '(') {
        const end = text.indexOf("'", i + 1);
        i = end < 0 ? text.length : end + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (ch === opener) depth++;
      else if (ch === closer && --depth === 0) {
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.pos = text.length;
  }

  private readArray(name: string, append: boolean, line: number): void {
    const outer = this.words;
    this.words = [];
    const text = this.text;
    while (this.pos < text.length && text[this.pos] !== ')') {
      const ch = text[this.pos]!;
      if (ch === '\n') {
        this.pos++;
        this.newLine();
      } else if (ch === ' ' || ch === '\t' || ch === '\r') this.pos++;
      else if (ch === '#') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (ch === '\\' && text[this.pos + 1] === '\n') {
        this.pos += 2;
        this.newLine();
      } else this.readWord();
    }
    this.pos++;
    const elements = this.words;
    this.words = outer;
    this.commands.push({ words: [], line, array: { name, append, elements }, heredocs: [] });
  }

  private readHereDocOperator(): void {
    const text = this.text;
    this.pos += 2;
    const strip = text[this.pos] === '-';
    if (strip) this.pos++;
    while (text[this.pos] === ' ' || text[this.pos] === '\t') this.pos++;
    const match = /^(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()]+))/.exec(text.slice(this.pos, this.pos + 200));
    if (!match) return;
    this.pos += match[0].length;
    const delimiter = match[1] ?? match[2] ?? match[3]!;
    const quoted = match[1] !== undefined || match[2] !== undefined || match[0].startsWith('\\');
    this.pending.push({ delimiter, strip, quoted, command: { heredocs: this.heredocs } });
  }

  /** After a newline: the bodies of the here-documents opened on the line just ended. */
  private readHereDocs(): void {
    const text = this.text;
    for (const doc of this.pending) {
      const bodyLine = this.line;
      const lines: string[] = [];
      while (this.pos < text.length) {
        let end = text.indexOf('\n', this.pos);
        if (end < 0) end = text.length;
        const raw = text.slice(this.pos, end).replace(/\r$/, '');
        this.pos = Math.min(end + 1, text.length);
        this.newLine();
        const content = doc.strip ? raw.replace(/^\t+/, '') : raw;
        if (content === doc.delimiter) break;
        lines.push(content);
      }
      doc.command.heredocs.push({ body: lines.join('\n'), line: bodyLine, quoted: doc.quoted });
    }
    this.pending = [];
  }
}

/** Variable values a script assigns literally (`NS=prod`, `for s in a b; do`), each name with every value seen. */
export type ShellVariables = ReadonlyMap<string, readonly string[]>;

const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;

/** Literal assignments, for-loop lists and arrays of a script's commands. */
export function shellVariables(commands: readonly ShellCommand[]): { scalars: ShellVariables; arrays: ReadonlyMap<string, readonly ShellWord[]> } {
  const scalars = new Map<string, string[]>();
  const arrays = new Map<string, ShellWord[]>();
  const add = (name: string, value: string) => {
    const list = scalars.get(name);
    if (!list) scalars.set(name, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  for (const command of commands) {
    if (command.array) {
      const list = arrays.get(command.array.name);
      if (list && command.array.append) list.push(...command.array.elements);
      else arrays.set(command.array.name, [...(list ?? []), ...command.array.elements]);
      continue;
    }
    const words = command.words;
    if (words[0]?.text === 'for' && words[2]?.text === 'in') {
      for (const word of words.slice(3)) if (!word.text.includes('$')) add(words[1]!.text, word.text);
      continue;
    }
    const first = words[0] && (words[0].text === 'export' || words[0].text === 'readonly' || words[0].text === 'local' || words[0].text === 'declare') ? 1 : 0;
    for (const word of words.slice(first)) {
      const match = ASSIGNMENT.exec(word.text);
      if (!match) break;
      const value = match[2]!;
      const fallback = /^\$\{[A-Za-z_]\w*:?[-=]([^${}]*)\}$/.exec(value);
      if (fallback) add(match[1]!, fallback[1]!);
      else if (!value.includes('$') && !value.includes('`')) add(match[1]!, value);
    }
  }
  return { scalars, arrays };
}

/** A word's possible values: literal strings, or a pattern when part of it is only known at run time. */
export type ResolvedWord = { values: string[] } | { pattern: RegExp };

const EXPANSION = /\$\{[^}]*\}|\$\([^)]*\)+|\$[A-Za-z_]\w*|\$[0-9@*#?$!-]|`[^`]*`/g;
const MAX_VALUES = 16;

/** Substitutes the script's literal variables into a word; unknown expansions match anything. */
export function resolveWord(text: string, variables: ShellVariables): ResolvedWord {
  if (!text.includes('$') && !text.includes('`')) return { values: [text] };
  let values: string[] = [''];
  let unknown = false;
  let patternSource = '';
  let last = 0;
  for (const match of text.matchAll(EXPANSION)) {
    const literal = text.slice(last, match.index);
    last = match.index + match[0].length;
    values = values.map((value) => value + literal);
    patternSource += escapeRegExp(literal);
    const parts = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?::?[-=]([^}$`]*))?\})$/.exec(match[0]);
    const name = parts?.[1] ?? parts?.[2];
    const assigned = name ? variables.get(name) : undefined;
    const known = parts?.[3] !== undefined ? [...(assigned ?? []), parts[3]] : assigned;
    if (known && known.length > 0 && values.length * known.length <= MAX_VALUES) {
      values = values.flatMap((value) => known.map((option) => value + option));
      patternSource += `(?:${known.map(escapeRegExp).join('|')})`;
    } else {
      unknown = true;
      patternSource += '.*';
    }
  }
  const tail = text.slice(last);
  if (unknown) return { pattern: new RegExp(`^${patternSource}${escapeRegExp(tail)}$`) };
  return { values: values.map((value) => value + tail) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
