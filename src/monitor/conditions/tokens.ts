/** The lexical layer of the condition language: a cursor over one text, its token patterns and operators. */

export type Op = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | '!contains' | 'matches';
export const OPS: readonly Op[] = ['!contains', 'contains', 'matches', '==', '!=', '<=', '>=', '<', '>'];
export const ORDERING: ReadonlySet<Op> = new Set(['==', '!=', '<', '<=', '>', '>=']);
export const TEXTUAL: ReadonlySet<Op> = new Set(['==', '!=', 'contains', '!contains', 'matches']);

export const IDENT = /[A-Za-z_$][\w$-]*/y;
export const INDEX = /\[(\d+)\]/y;
export const OP_AT = /(!contains|contains|matches)(?![\w$])|==|!=|<=|>=|<|>/y;

/** A condition that does not parse or type-check, at a 1-based column of its text. */
export class ParseError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

export class Cursor {
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
