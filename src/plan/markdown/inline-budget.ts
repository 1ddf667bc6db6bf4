/**
 * A bound on micromark's superlinear inline work. To pair emphasis (`*`, `_`), strikethrough
 * (`~`) and link brackets (`[`, `]`), micromark walks back from each closing marker over the
 * paragraph's events read so far: `*a*a*a…` or `a]a]a]…` costs the square of the paragraph's
 * length (80 KB of `*a` took a minute). A marker at offset n into its paragraph or table cell
 * costs at most n steps, so their sum bounds that work; past a budget no real tracker nears,
 * the import stops with a clear error instead of running for minutes.
 */
import type { Code, Construct, Extension, State, TokenizeContext } from 'micromark-util-types';

/**
 * The sum of the markers' offsets into their paragraphs, for a whole tracker: at most a
 * second or two of micromark's work. Trackers spend about 1 per byte (paragraphs are short,
 * table cells and list items are paragraphs of their own).
 */
export const INLINE_MARKER_BUDGET = 20_000_000;

/** Thrown when the budget runs out; the importer turns it into `file:line: message`. */
export class InlineMarkupTooHeavy extends Error {
  constructor(readonly line: number) {
    super('too much emphasis, strikethrough or link markup (*, _, ~, [ ]) in long paragraphs to read in bounded time (blank lines between paragraphs keep it small)');
    this.name = 'InlineMarkupTooHeavy';
  }
}

const ASTERISK = 42;
const UNDERSCORE = 95;
const TILDE = 126;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

/**
 * A micromark extension whose construct runs first at every inline marker, charges the
 * marker's offset into its paragraph to `budget` and always fails, so the real constructs
 * parse the marker as before.
 */
export function inlineBudget(budget: { left: number }): Extension {
  const contentStart = new WeakMap<TokenizeContext, number>();
  const guard: Construct = {
    name: 'hardenInlineBudget',
    tokenize(this: TokenizeContext, _effects, _ok, nok): State {
      const here = this.now();
      let start = contentStart.get(this);
      if (start === undefined) {
        start = this.events[0]?.[1].start.offset ?? here.offset;
        contentStart.set(this, start);
      }
      budget.left -= here.offset - start + 1;
      if (budget.left < 0) throw new InlineMarkupTooHeavy(here.line);
      return (code: Code) => nok(code);
    },
  };
  return { text: { [ASTERISK]: guard, [UNDERSCORE]: guard, [TILDE]: guard, [LEFT_BRACKET]: guard, [RIGHT_BRACKET]: guard } };
}
