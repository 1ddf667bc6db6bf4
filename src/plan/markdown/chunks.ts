/**
 * Cuts a tracker into pieces of about CHUNK_BYTES that micromark parses one at a time.
 *
 * micromark keeps every event of a document in one array and copies it whole each time a
 * list item or quote closes, so long lists cost the square of the document's length (600 KB
 * of nested lists: 54 s), and the events take about 1 KB of memory per input byte. Parsed in
 * pieces, both are bounded by the piece. The cuts fall only where Markdown starts a block
 * whatever came before: after a blank line or at an ATX heading at the margin, at an item of
 * a top-level list, between the rows of a table (the next piece repeats its header); never
 * inside a fenced code or HTML block. A list or table cut in two is joined again after
 * parsing (tree.ts), so the tree is the one a single parse builds.
 */

/** Small enough that a piece's events die young (8 KB parsed in 4 KB-32 KB pieces was fastest). */
export const CHUNK_BYTES = 8 * 1024;

/** A piece of the tracker: its text, where each run of its lines comes from, and what it continues. */
export interface Chunk {
  text: string;
  runs: Run[];
  /** The piece starts inside a list or a table the previous piece ended with. */
  continues?: 'list' | 'table';
}

/** Lines `[chunkOffset, chunkOffset + length)` of a chunk are the tracker's `[offset, offset + length)`. */
export interface Run {
  chunkOffset: number;
  chunkLine: number;
  offset: number;
  line: number;
  length: number;
}

interface Line {
  offset: number;
  /** 1-based. */
  number: number;
  /** Without the line ending. */
  text: string;
  /** With the line ending. */
  length: number;
}

type Cut = { kind: 'block' } | { kind: 'list' } | { kind: 'table'; header: [Line, Line] };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_UNTIL_END: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** Any other HTML block (types 6 and 7) ends at a blank line: a line starting with a tag. */
const HTML_UNTIL_BLANK = /^ {0,3}<\/?[A-Za-z]/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
/** A list item with content: its marker ("-", "*", "+", "12."), and the spaces after it. */
const LIST_ITEM = /^([-+*]|\d{1,9}[.)])([ \t]+)\S/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_OR_BREAK = /^ {0,3}(?:=+|-+)[ \t]*$/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** A line that starts a block of its own (so it is no table row or paragraph continuation). */
const BLOCK_START = /^ {0,3}(?:[>#<]|```|~~~|[-+*][ \t]|\d{1,9}[.)][ \t])/;
const DEFINITION = /^ {0,3}\[\^?[^\]\s][^\]]*\]:/;

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (let number = 1; offset < text.length; number++) {
    const end = text.indexOf('\n', offset);
    const next = end < 0 ? text.length : end + 1;
    const body = text.slice(offset, end < 0 ? text.length : end);
    lines.push({ offset, number, text: body.endsWith('\r') ? body.slice(0, -1) : body, length: next - offset });
    offset = next;
  }
  return lines;
}

const isBlank = (line: Line | undefined) => line !== undefined && line.text.trim() === '';

/** Whether a line after `previous` starts a block whatever it is (no paragraph is open to continue). */
function endsBlock(previous: Line | undefined, closedBlock: boolean): boolean {
  return previous === undefined || closedBlock || isBlank(previous) || HEADING.test(previous.text) || SETEXT_OR_BREAK.test(previous.text) || THEMATIC_BREAK.test(previous.text);
}

/**
 * Where the tracker may be cut: for each line, whether a piece may start there and how the
 * piece continues the one before. Tracks only what the left margin shows; a line it cannot
 * place is never a cut, so a wrong guess costs a larger piece, never a different tree.
 */
function cutPoints(lines: readonly Line[]): { cuts: (Cut | undefined)[]; definitions: Line[]; openAtEnd: boolean } {
  const cuts: (Cut | undefined)[] = [];
  /** Link reference and footnote definitions: each starts a block (a definition never continues a paragraph). */
  const definitions: Line[] = [];
  /** The last line that closed a code fence or an HTML block. */
  let closed: Line | undefined;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | 'blank' | undefined;
  /**
   * The list open at the top level: its marker and its last item's content column (another
   * item with the marker continues it), 'none', or 'unknown' when the margin cannot tell.
   */
  let list: { marker: string; content: number } | 'none' | 'unknown' = 'none';
  let table: [Line, Line] | undefined;
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const text = line.text;
    if (fence) {
      const close = FENCE.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && text.trim() === close[1]) [fence, closed] = [undefined, line];
      cuts.push(undefined);
      return;
    }
    if (htmlEnd) {
      if (htmlEnd === 'blank' ? isBlank(line) : htmlEnd.test(text)) [htmlEnd, closed] = [undefined, line];
      cuts.push(undefined);
      return;
    }
    if (isBlank(line)) {
      table = undefined;
      cuts.push(undefined);
      return;
    }
    let cut: Cut | undefined;
    const indent = widthOf(/^[ \t]*/.exec(text)![0]);
    const body = text.trimStart();
    const item = indent <= 3 && !THEMATIC_BREAK.test(text) ? LIST_ITEM.exec(body) : null;
    // An item indented to the open item's content is nested in it; any other is at the top level.
    const topLevelItem = item !== null && !(typeof list === 'object' && indent >= list.content);
    if (table && indent < 4 && text.includes('|') && !BLOCK_START.test(text)) {
      cut = { kind: 'table', header: table };
    } else if (topLevelItem) {
      // Bullets continue a list with the same character, ordered items one with the same delimiter.
      const marker = item[1]!.at(-1)!;
      // A bullet item interrupts a paragraph; an ordered one only when it is number 1.
      const startsList = '-+*'.includes(marker) || /^0*1[.)]$/.test(item[1]!) || isBlank(previous) || HEADING.test(previous?.text ?? '') || THEMATIC_BREAK.test(previous?.text ?? '');
      if (typeof list === 'object' && marker === list.marker) cut = { kind: 'list' };
      else if (list !== 'unknown' && startsList) cut = { kind: 'block' };
      const spaces = widthOf(item[2]!);
      if (cut || startsList) list = { marker, content: indent + item[1]!.length + (spaces <= 4 ? spaces : 1) };
      else if (list === 'none') list = 'unknown';
    } else if (indent === 0 && (isBlank(previous) || HEADING.test(text))) {
      cut = { kind: 'block' };
    }
    // A line at the margin after a blank line, or starting a block of another kind, ends the list.
    if (indent === 0 && !topLevelItem && (isBlank(previous) || BLOCK_START.test(text) || THEMATIC_BREAK.test(text))) list = 'none';
    if (!(table && cut?.kind === 'table')) table = undefined;
    if (!table && DEFINITION.test(text) && endsBlock(previous, definitions.at(-1) === previous || closed === previous)) definitions.push(line);
    const fenceOpen = FENCE.exec(text);
    const htmlOpen = HTML_UNTIL_END.find(([start]) => start.test(text));
    if (fenceOpen && !(fenceOpen[1]![0] === '`' && text.slice(fenceOpen[0].length).includes('`'))) {
      fence = { char: fenceOpen[1]![0]!, length: fenceOpen[1]!.length };
    } else if (htmlOpen) {
      if (!htmlOpen[1].test(text.slice(text.indexOf('<') + 2))) htmlEnd = htmlOpen[1];
    } else if (HTML_UNTIL_BLANK.test(text)) {
      htmlEnd = 'blank';
    } else if (!table && DELIMITER_ROW.test(text) && text.includes('|') && previous?.text.includes('|')) {
      // A table whose header row starts a block at the margin: its rows may be cut between.
      const beforeHeader = lines[i - 2];
      if (!/^[ \t]/.test(previous.text) && (beforeHeader === undefined || isBlank(beforeHeader) || HEADING.test(beforeHeader.text))) table = [previous, line];
      cut = undefined;
    }
    cuts.push(cut);
  });
  return { cuts, definitions, openAtEnd: fence !== undefined || htmlEnd !== undefined };
}

/** Columns a run of text takes, tabs to the next multiple of 4. */
function widthOf(text: string): number {
  let columns = 0;
  for (const char of text) columns += char === '\t' ? 4 - (columns % 4) : 1;
  return columns;
}

/** The tracker in pieces of about `chunkBytes` (one piece when it is smaller). */
export function chunksOf(text: string, chunkBytes = CHUNK_BYTES): Chunk[] {
  if (text.length <= chunkBytes) return [{ text, runs: [{ chunkOffset: 0, chunkLine: 1, offset: 0, line: 1, length: text.length }] }];
  const lines = linesOf(text);
  const { cuts, definitions: definitionLines, openAtEnd } = cutPoints(lines);
  const definitions = definitionsText(definitionLines);
  const chunks: Chunk[] = [];
  let start = 0;
  let prefix: [Line, Line] | undefined;
  let continues: Chunk['continues'];
  const close = (end: number) => {
    // A tracker that ends inside a code fence would swallow definitions put after its last piece.
    const last = end === lines.length;
    chunks.push(assemble(text, lines.slice(start, end), prefix, continues, last && openAtEnd ? '' : definitions));
    start = end;
  };
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    const cut = cuts[i];
    if (cut && size >= chunkBytes && i > start) {
      close(i);
      prefix = cut.kind === 'table' ? cut.header : undefined;
      continues = cut.kind === 'block' ? undefined : cut.kind;
      size = 0;
    }
    size += lines[i]!.length;
  }
  close(lines.length);
  return chunks;
}

/**
 * Link reference and footnote definitions count wherever they are written: each piece gets
 * them all after its own text, so a reference resolves as it does in the whole tracker.
 */
function definitionsText(lines: readonly Line[]): string {
  const text = lines.map((line) => line.text).join('\n');
  // Hundreds of definitions would be parsed again with every piece: then they are left out.
  return text.length > 4 * 1024 ? '' : text;
}

function assemble(text: string, body: readonly Line[], header: [Line, Line] | undefined, continues: Chunk['continues'], definitions: string): Chunk {
  const runs: Run[] = [];
  let chunkText = '';
  let chunkLine = 1;
  const add = (from: Line, to: Line) => {
    const slice = text.slice(from.offset, to.offset + to.length);
    const withEnd = slice.endsWith('\n') ? slice : `${slice}\n`;
    runs.push({ chunkOffset: chunkText.length, chunkLine, offset: from.offset, line: from.number, length: slice.length });
    chunkText += withEnd;
    chunkLine += to.number - from.number + 1;
  };
  if (header) add(header[0], header[1]);
  if (body.length > 0) add(body[0]!, body.at(-1)!);
  if (definitions) chunkText += `\n${definitions}\n`;
  return { text: chunkText, runs, ...(continues ? { continues } : {}) };
}
