/**
 * The reason of a won't-fix or accepted table row, written under the table instead of in it:
 * "OPS-7: the legacy terminals only speak TLS 1.0 …", "**Sequential ids** — UUIDs are planned",
 * or, when the table has one such row, a paragraph that reads as a reason ("We won't fix this
 * because …").
 */
import { compact, type DraftItem, type ImportedDecision, type ReadContext } from './imported.js';
import { readDate } from './loose-dates.js';
import { inlineText, lineOf, type RootContent } from './tree.js';

/** Words of a paragraph that explains a decision rather than continuing the document. */
const READS_AS_REASON = /won'?t fix|wontfix|will not fix|\baccept|rationale|\breason|because|not applicable|\bn\/a\b|out of scope|false positive|\brisk\b|decided|exception|by design|compensating/i;

/** The blocks up to the next table or heading that may hold reasons: paragraphs and plain list entries. */
function reasonBlocks(below: readonly RootContent[]): { text: string; line: number; first: boolean }[] {
  const found: { text: string; line: number; first: boolean }[] = [];
  for (const [index, block] of below.entries()) {
    if (block.type === 'table' || block.type === 'heading') break;
    if (block.type === 'paragraph') found.push({ text: inlineText(block.children), line: lineOf(block), first: index === 0 });
    if (block.type === 'list')
      for (const entry of block.children) {
        const first = entry.children[0];
        if (first?.type === 'paragraph' && typeof entry.checked !== 'boolean')
          found.push({ text: inlineText(first.children), line: lineOf(entry), first: false });
      }
  }
  return found;
}

const needsReason = (item: DraftItem) => item.status === 'accepted' && !item.decision?.reason;

export function attachReasonsBelow(items: readonly DraftItem[], below: readonly RootContent[], context: ReadContext): void {
  const waiting = items.filter(needsReason);
  if (waiting.length === 0) return;
  const setReason = (item: DraftItem, reason: string, line: number) => {
    item.decision = { ...decisionFromReason(reason, context, line), ...item.decision, reason };
  };
  const byId = new Map(waiting.flatMap((item) => (item.id ? [[item.id.toLowerCase(), item] as const] : [])));
  // Rows without an id are found by their title: a few, so that a long table costs no item-by-paragraph product.
  const byTitle = waiting.filter((item) => !item.id).slice(0, MAX_TITLES_TO_MATCH);
  const unclaimed: { text: string; line: number; first: boolean }[] = [];
  for (const block of reasonBlocks(below)) {
    const start = block.text.replace(/^[\s*_[(¹²³†‡]+/, '');
    const token = /^[\w.:-]+/.exec(start)?.[0].replace(/[.:]+$/, '').toLowerCase() ?? '';
    const named = byId.get(token) ?? byTitle.find((item) => startsWithTitle(start, item.title));
    if (named && needsReason(named)) setReason(named, stripName(block.text, named.id ?? named.title), block.line);
    else unclaimed.push(block);
  }
  const left = waiting.filter(needsReason);
  const reason = unclaimed.find((block) => block.first && READS_AS_REASON.test(block.text));
  if (!reason || left.length === 0) return;
  if (left.length === 1) setReason(left[0]!, reason.text, reason.line);
  else
    context.warn(
      reason.line,
      `this paragraph reads as the reason of an accepted row, but names none of ${left.slice(0, 5).map((item) => item.id ?? `"${item.title}"`).join(', ')}${left.length > 5 ? ` (and ${left.length - 5} more)` : ''}; not attached (start it with the id)`,
    );
}

const MAX_TITLES_TO_MATCH = 50;

function startsWithTitle(start: string, title: string): boolean {
  const lower = start.toLowerCase();
  const wanted = title.toLowerCase();
  return wanted.length >= 4 && lower.startsWith(wanted) && /^[\s*_)\]]*[:—–-]/.test(lower.slice(wanted.length));
}

function stripName(text: string, name: string): string {
  const at = text.toLowerCase().indexOf(name.toLowerCase());
  return text.slice(at + name.length).replace(/^[\s*_)\]]*[:—–.-]?\s*/, '').trim() || text;
}

/** A decision told in words: "Accepted by the CISO on 12/03/2026; revisit after …" gives who and when. */
export function decisionFromReason(reason: string, context: ReadContext, line: number): ImportedDecision {
  const by = /\b(?:accepted|approved|signed off|decided|agreed)\s+(?:by|with)\s+@?([^,;.()]+?)(?=\s+on\b|\s+in\b|[,;.()]|$)/i.exec(reason)?.[1]?.trim();
  const decidedAt = /\b(?:accepted|approved|signed off|decided|agreed)\b/i.exec(reason);
  const on = decidedAt ? readDate(reason.slice(decidedAt.index), context, line) : undefined;
  return compact({ treatment: 'accept' as const, by, on, reason });
}

/** "won't fix, the renderer writes to $HOME" + a footnote → "The renderer writes to $HOME. The worker gets …". */
export function joinSentences(parts: readonly (string | undefined)[]): string | undefined {
  const sentences = parts.flatMap((part) => {
    const text = part?.replace(/^(?:won'?t fix|wontfix|will not fix|n\/a|not applicable|accepted|risk accepted)\s*[,:;—–-]+\s*/i, '').trim();
    return text ? [text] : [];
  });
  if (sentences.length === 0) return undefined;
  return sentences.map((text, i) => (i < sentences.length - 1 && !/[.!?]$/.test(text) ? `${text}.` : text)).join(' ');
}
