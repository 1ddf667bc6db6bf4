/**
 * The one module that parses Markdown: a GFM syntax tree (tables, task lists,
 * strikethrough) with source positions, and the text views the importer reads.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { CHUNK_BYTES, chunksOf, type Run } from './chunks.js';
import { INLINE_MARKER_BUDGET, inlineBudget } from './inline-budget.js';

export type {
  Heading,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';

/**
 * The tracker's syntax tree, parsed in pieces (see chunks.ts) so that time and memory grow
 * with its length, not its square: the pieces' trees are joined into one, with positions in
 * the whole text, a list or table cut in two made one again.
 */
export function parseMarkdown(text: string, chunkBytes = CHUNK_BYTES): Root {
  const options = { extensions: [gfm(), inlineBudget({ left: INLINE_MARKER_BUDGET })], mdastExtensions: [gfmFromMarkdown()] };
  const root: Root = { type: 'root', children: [] };
  for (const chunk of chunksOf(text, chunkBytes)) {
    const part = fromMarkdown(chunk.text, options);
    const last = chunk.runs.at(-1)!;
    const ownEnd = last.chunkOffset + last.length;
    // Definitions appended to the piece (see chunks.ts) are not part of it.
    const children = part.children.filter((child) => (child.position?.start.offset ?? 0) < ownEnd);
    for (const child of children) movePositions(child, chunk.runs);
    join(root, children, chunk.continues);
  }
  const [first, final] = [root.children[0], root.children.at(-1)];
  if (first?.position && final?.position) root.position = { start: { line: 1, column: 1, offset: 0 }, end: final.position.end };
  return root;
}

/** Rewrites the positions of a piece's nodes into positions in the whole tracker. */
function movePositions(node: Nodes, runs: readonly Run[]): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.position) current.position = { start: movePoint(current.position.start, runs), end: movePoint(current.position.end, runs) };
    if ('children' in current) stack.push(...(current.children as Nodes[]));
  }
}

function movePoint(point: Point, runs: readonly Run[]): Point {
  let run = runs[0]!;
  for (const candidate of runs) if (candidate.chunkOffset <= (point.offset ?? 0)) run = candidate;
  return { line: run.line + point.line - run.chunkLine, column: point.column, offset: run.offset + (point.offset ?? 0) - run.chunkOffset };
}

/** Adds a piece's blocks to the tree; a piece that continues a list or a table extends it. */
function join(root: Root, children: RootContent[], continues: 'list' | 'table' | undefined): void {
  const previous = root.children.at(-1);
  const first = children[0];
  if (continues === 'table' && previous?.type === 'table' && first?.type === 'table') {
    // The piece repeats the header row: its own rows follow it.
    const rows = first.children.slice(1);
    previous.children.push(...rows);
    if (rows.length > 0) extendTo(previous, first);
    children.shift();
  } else if (continues === 'list' && previous?.type === 'list' && first?.type === 'list' && previous.ordered === first.ordered) {
    previous.children.push(...first.children);
    previous.spread = Boolean(previous.spread || first.spread);
    extendTo(previous, first);
    children.shift();
  }
  root.children.push(...children);
}

function extendTo(node: Nodes, last: Nodes): void {
  if (node.position && last.position) node.position = { start: node.position.start, end: last.position.end };
}

/** Text content only: formatting, code backticks and link targets dropped. */
export function plainText(node: Nodes | Nodes[]): string {
  return collapseSpace(Array.isArray(node) ? node.map((n) => toString(n)).join('') : toString(node));
}

/**
 * Text as a reader means it: formatting dropped, but code spans kept in backticks
 * (a title like "Create `ci.yml`" stays that way). Whitespace is collapsed.
 */
export function inlineText(nodes: readonly PhrasingContent[] | readonly Nodes[]): string {
  return collapseSpace(nodes.map(inlineNodeText).join(''));
}

/** The text of each source line of a paragraph, as inlineText reads it, spaces collapsed within the line. */
export function inlineLines(nodes: readonly PhrasingContent[]): string[] {
  return nodes.map((node) => (node.type === 'break' ? '\n' : inlineNodeText(node))).join('').split('\n').map(collapseSpace);
}

function inlineNodeText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'html':
      return node.value;
    case 'inlineCode':
      return codeSpan(node.value);
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map(inlineNodeText).join('') : '';
  }
}

/** A code span that holds `code` exactly: a fence longer than any backtick run inside. */
function codeSpan(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The source text of a run of sibling nodes, exactly as written. */
export function sourceOf(text: string, nodes: readonly RootContent[]): string {
  const start = nodes[0]?.position?.start.offset;
  const end = nodes.at(-1)?.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** Footnote texts by label: `[^1]: We keep TLS 1.2 for the payment terminals.` */
export function footnotesOf(root: Root): Map<string, string> {
  const notes = new Map<string, string>();
  for (const node of root.children) {
    if (node.type !== 'footnoteDefinition') continue;
    const text = node.children.map((child) => ('children' in child ? inlineText(child.children as Nodes[]) : '')).join(' ');
    notes.set(node.identifier.toLowerCase(), collapseSpace(text));
  }
  return notes;
}

/** The labels of the footnotes a run of inline nodes refers to, in order. */
export function footnoteLabelsIn(nodes: readonly Nodes[]): string[] {
  const labels: string[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'footnoteReference') labels.push(node.identifier.toLowerCase());
    else if ('children' in node) stack.push(...[...(node.children as Nodes[])].reverse());
  }
  return labels;
}
