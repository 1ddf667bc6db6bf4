/**
 * How deep lists and block quotes nest, read from the left margin of each line before the
 * tracker is parsed: micromark opens containers at a cost that grows with the square of the
 * depth (10,000 `>` on one line took seconds), and the syntax-tree utilities recurse once per
 * level until the stack runs out. A real tracker nests 3 or 4 deep.
 */

export interface TooDeep {
  line: number;
  depth: number;
}

const QUOTE = /^ {0,3}>[ \t]?/;
const LIST_MARKER = /^([-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const BLOCK_START = /^(?:[>#]|```|~~~|[-+*][ \t]|\d{1,9}[.)][ \t])/;
/** `- - -` and `* * *` are rules, not lists. */
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * The first line nested more than `max` lists and quotes deep, or undefined. The estimate
 * never falls below the real depth: a list item counts as open while lines are indented to
 * its content (taken at its smallest), and a line that may continue a paragraph lazily
 * closes nothing.
 */
export function tooDeeplyNested(text: string, max: number): TooDeep | undefined {
  /** Content columns of the list items that may be open, innermost last. */
  const items: number[] = [];
  let previousBlank = true;
  let number = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    let rest = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length : end + 1;
    number++;
    if (rest.trim() === '') {
      previousBlank = true;
      continue;
    }
    let quotes = 0;
    for (let quote = QUOTE.exec(rest); quote && quotes <= max; quote = QUOTE.exec(rest)) {
      quotes++;
      rest = rest.slice(quote[0].length);
    }
    let column = widthOf(/^[ \t]*/.exec(rest)![0]);
    rest = rest.trimStart();
    if (previousBlank || BLOCK_START.test(rest)) while (items.length > 0 && items.at(-1)! > column) items.pop();
    for (let marker = LIST_MARKER.exec(rest); marker && !THEMATIC_BREAK.test(rest) && quotes + items.length <= max; marker = LIST_MARKER.exec(rest)) {
      items.push(column + marker[1]!.length + 1);
      column += widthOf(marker[0]);
      rest = rest.slice(marker[0].length);
    }
    if (quotes + items.length > max) return { line: number, depth: quotes + items.length };
    previousBlank = false;
  }
  return undefined;
}

/** Columns a run of text takes, tabs to the next multiple of 4. */
function widthOf(text: string): number {
  let columns = 0;
  for (const char of text) columns += char === '\t' ? 4 - (columns % 4) : 1;
  return columns;
}
