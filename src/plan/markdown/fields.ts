/**
 * "**Status:** ✅ done", "**Why**: ...", "- **Owner:** ops" — the bold-label lines
 * trackers write under a heading, read from the syntax tree; and the same lines without
 * bold ("Status: Done", "Owner: @ana") when they name a status or at least two known fields.
 */
import { collapseSpace, inlineLines, inlineText, lineOf, plainText, type Paragraph, type PhrasingContent, type RootContent } from './tree.js';

export interface Field {
  /** The label, lower-cased, without its colon: "status", "why", "still todo". */
  key: string;
  value: string;
  line: number;
}

/** Fields in a section's paragraphs and in the first paragraph of each top-level list entry. */
export function fieldsIn(blocks: readonly RootContent[]): Field[] {
  const fields: Field[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') fields.push(...fieldsOfParagraph(block));
    if (block.type === 'list')
      for (const entry of block.children) {
        const first = entry.children[0];
        if (first?.type === 'paragraph') fields.push(...fieldsOfParagraph(first));
      }
  }
  return fields;
}

function fieldsOfParagraph(paragraph: Paragraph): Field[] {
  const bold = boldFields(paragraph);
  return bold.length > 0 ? bold : plainFields(paragraph);
}

/** Keys a plain "Key: value" line may use: what a tracker entry states, not prose words like "Why" or "Risk". */
const PLAIN_KEYS: readonly FieldRole[] = ['status', 'severity', 'owner', 'due', 'effort', 'found', 'date', 'reason', 'id'];
const PLAIN_LABEL = /^([A-Za-z][A-Za-z' ]{0,24}?)\s*:\s*(\S.*)$/;

function plainFields(paragraph: Paragraph): Field[] {
  const keys = new Set(PLAIN_KEYS.flatMap((role): readonly string[] => FIELD_KEYS[role]));
  const first = lineOf(paragraph);
  const fields: Field[] = [];
  inlineLines(paragraph.children).forEach((text, index) => {
    const label = PLAIN_LABEL.exec(text);
    const key = label?.[1]!.trim().toLowerCase();
    if (label && key && keys.has(key)) fields.push({ key, value: label[2]!.trim(), line: first + index });
    else if (fields.length > 0 && text) fields.at(-1)!.value += ` ${text}`;
  });
  const saysStatus = fields.some((field) => (FIELD_KEYS.status as readonly string[]).includes(field.key));
  return saysStatus || fields.length >= 2 ? fields : [];
}

function boldFields(paragraph: Paragraph): Field[] {
  const children = paragraph.children;
  const starts = children.map((child, i) => labelAt(children, i)).map((label, i) => (label ? { i, label } : undefined));
  const found = starts.filter((start): start is { i: number; label: string } => start !== undefined);
  return found.map(({ i, label }, n) => {
    const end = found[n + 1]?.i ?? children.length;
    const value = inlineText(children.slice(i + 1, end)).replace(/^:\s*/, '');
    return { key: label, value: collapseSpace(value), line: lineOf(children[i]!) };
  });
}

/** The label when children[i] is a bold "Label:" at the start of a line. */
function labelAt(children: readonly PhrasingContent[], i: number): string | undefined {
  const node = children[i]!;
  if (node.type !== 'strong') return undefined;
  const before = children[i - 1];
  const atLineStart = !before || before.type === 'break' || (before.type === 'text' && /\n\s*$/.test(before.value));
  if (!atLineStart) return undefined;
  const strongText = plainText(node);
  const after = children[i + 1];
  const colonInside = strongText.endsWith(':');
  const colonAfter = after?.type === 'text' && after.value.startsWith(':');
  if (!colonInside && !colonAfter) return undefined;
  const label = strongText.replace(/:$/, '').trim().toLowerCase();
  return label.split(/\s+/).length <= 4 ? label : undefined;
}

const FIELD_KEYS = {
  status: ['status', 'state', 'progress'],
  severity: ['severity', 'sev', 'priority', 'prio', 'risk level', 'risk rating', 'criticality'],
  owner: ['owner', 'owners', 'assignee', 'assigned to', 'who', 'dri'],
  due: ['due', 'due date', 'deadline', 'target date', 'eta'],
  effort: ['effort', 'estimate'],
  found: ['found', 'reported', 'discovered', 'date found', 'identified', 'opened'],
  date: ['date', 'done', 'completed', 'closed', 'fixed', 'resolved', 'decided', 'accepted'],
  reason: ['reason', 'rationale', 'justification', 'decision', "why we won't fix", 'why not'],
  id: ['id', 'ref'],
  /** Labels that only a tracker entry has: what is wrong and why it matters. */
  motive: ['why', 'problem', 'risk', 'finding', 'issue'],
} as const;

export type FieldRole = keyof typeof FIELD_KEYS;

export function fieldValue(fields: readonly Field[], role: FieldRole): Field | undefined {
  const keys: readonly string[] = FIELD_KEYS[role];
  return fields.find((field) => keys.includes(field.key));
}
