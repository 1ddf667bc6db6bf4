/**
 * The one module that parses Markdown: a GFM syntax tree (tables, task lists,
 * strikethrough) with source positions, and the text views the importer reads.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

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

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
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
