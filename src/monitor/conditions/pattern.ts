import { RE2JS, RE2JSException } from 're2js';
import { matchOffThread } from './regex-thread.js';
import { ParseError } from './tokens.js';

/**
 * A /regex/ of a condition, matched by RE2 (re2js): time linear in the text, so no pattern can
 * backtrack for ever. Linear can still be long (a 1 MB body against a large pattern takes
 * seconds), so a match past a small budget runs off the event loop and stops at the probe's
 * deadline.
 */
export class Pattern {
  /** How costly a match is per character of text (RE2's program size). */
  readonly size: number;

  private constructor(
    /** As written between the slashes. */
    readonly source: string,
    /** As written after the closing slash. */
    readonly flags: string,
    private readonly re2Source: string,
    private readonly re2Flags: number,
    private readonly compiled: RE2JS,
  ) {
    this.size = compiled.programSize();
  }

  /**
   * Compiles `source` (between the slashes) with `flags` (after them); `column` is where the
   * source starts in the condition. A construct RE2 cannot run in linear time (a
   * backreference, a lookaround) is a ParseError at its own column.
   */
  static compile(source: string, flags: string, column: number): Pattern {
    const unsupported = unsupportedConstruct(source);
    if (unsupported) throw new ParseError(column + unsupported.index, unsupported.message);
    let re2Flags = 0;
    [...flags].forEach((flag, i) => {
      if (flag in FLAGS) re2Flags |= FLAGS[flag as keyof typeof FLAGS];
      else if (!IGNORED_FLAGS.includes(flag)) throw new ParseError(column + source.length + 1 + i, `unknown regex flag "${flag}" (i, m, s)`);
    });
    const re2Source = RE2JS.translateRegExp(source);
    try {
      return new Pattern(source, flags, re2Source, re2Flags, RE2JS.compile(re2Source, re2Flags));
    } catch (error) {
      if (!(error instanceof RE2JSException)) throw error;
      const { description, fragment } = syntaxError(error);
      const at = fragment ? source.indexOf(fragment) : -1;
      throw new ParseError(column + Math.max(0, at), `invalid regex /${source}/: ${description}${fragment ? ` in "${fragment}"` : ''}`);
    }
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  /** Whether the pattern matches somewhere in `text`; rejects with `signal`'s reason once it aborts. */
  test(text: string, signal: AbortSignal): boolean | Promise<boolean> {
    if (text.length * this.size <= INLINE_STEPS) return this.compiled.test(text);
    return matchOffThread({ source: this.re2Source, flags: this.re2Flags, text }, signal);
  }

  /** The first of `texts` the pattern matches. */
  find(texts: readonly string[], signal: AbortSignal): string | undefined | Promise<string | undefined> {
    for (let i = 0; i < texts.length; i++) {
      const matched = this.test(texts[i]!, signal);
      if (matched === true) return texts[i];
      if (matched !== false) return matched.then((yes) => (yes ? texts[i] : this.find(texts.slice(i + 1), signal)));
    }
    return undefined;
  }
}

/** Matches up to this many steps (characters × program size, about 10 ms at worst) run inline. */
const INLINE_STEPS = 1 << 20;

const FLAGS = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL } as const;
/** g and y would make a yes/no match stateful; u and d change nothing RE2 does. */
const IGNORED_FLAGS = ['g', 'y', 'u', 'd'];

const LINEAR = 'harden matches regexes with RE2, in time linear in the text';

/** The first backreference or lookaround outside a character class: RE2 has neither. */
function unsupportedConstruct(source: string): { index: number; message: string } | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) {
        const shown = next === 'k' ? source.slice(i, source.indexOf('>', i) + 1 || i + 3) : source.slice(i, i + 2);
        return { index: i, message: `backreferences (${shown}) are not supported: ${LINEAR}` };
      }
      i++;
    } else if (inClass) inClass = char !== ']';
    else if (char === '[') {
      inClass = true;
      // A "]" right after "[" or "[^" is a literal, not the end of the class.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (char === '(') {
      const lookaround = /^\(\?(=|!|<=|<!)/.exec(source.slice(i))?.[0];
      if (lookaround) return { index: i, message: `lookahead and lookbehind (${lookaround}…) are not supported: ${LINEAR}` };
    }
  }
  return undefined;
}

/** re2js says "error parsing regexp: missing closing ]: `[a`": the description and the fragment. */
function syntaxError(error: RE2JSException): { description: string; fragment: string | undefined } {
  const match = /^(?:error parsing regexp: )?(.*?)(?:: `(.*)`)?$/s.exec(error.message);
  return { description: match?.[1] ?? error.message, fragment: match?.[2] || undefined };
}
