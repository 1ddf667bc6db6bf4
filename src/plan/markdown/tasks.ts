/**
 * Tracker entries written as list items: GFM task lists ("- [ ] title",
 * "- [x] title (2026-04-24) — what was done") and, under an "accepted" heading,
 * "- **Gap**: why we live with it" bullets.
 */
import { parseStatus, type Status } from '../status.js';
import { datesIn, firstDate, splitIdFromText } from './cells.js';
import { compact, type DraftItem, type ReadContext } from './imported.js';
import { inlineText, lineOf, sourceOf, type List, type ListItem, type PhrasingContent, type RootContent } from './tree.js';

/** Every task-list entry in the list, nested ones included, in document order. */
export function readTaskList(list: List, context: ReadContext): DraftItem[] {
  const items: DraftItem[] = [];
  for (const entry of list.children) {
    if (typeof entry.checked === 'boolean') items.push(readTask(entry, context));
    for (const child of entry.children) if (child.type === 'list') items.push(...readTaskList(child, context));
  }
  return items;
}

export function hasTasks(list: List): boolean {
  return list.children.some((entry) => typeof entry.checked === 'boolean' || entry.children.some((c) => c.type === 'list' && hasTasks(c)));
}

/** Symbols some trackers put after an unticked box to say more than "open". */
const LEADING_STATUS = /^(◐|🚧|🔄|⊘)\s*/u;

function readTask(entry: ListItem, context: ReadContext): DraftItem {
  const first = entry.children[0];
  const phrasing = first?.type === 'paragraph' ? first.children : [];
  const struck = phrasing.length > 0 && phrasing.every((node) => node.type === 'delete' || isBlankText(node));
  let text = inlineText(phrasing);
  let status: Status = entry.checked ? 'done' : 'open';
  const symbol = LEADING_STATUS.exec(text);
  if (symbol) {
    text = text.slice(symbol[0].length);
    if (!entry.checked) status = parseStatus(symbol[1]!) ?? status;
  }
  if (struck) status = 'done';
  const { title, details, due, owner, on } = splitTaskText(text);
  const split = splitIdFromText(title);
  const extraBlocks = entry.children.slice(1).filter((child) => !(child.type === 'list' && hasTasks(child)));
  const more = sourceOf(context.text, extraBlocks).trim();
  const dated = on ? `${status === 'done' ? 'Done' : 'Dated'} ${on}.` : undefined;
  return compact<DraftItem>({
    id: split?.id,
    kind: 'task',
    title: split?.rest || title,
    status,
    owner,
    due,
    notes: [dated, details, more].filter(Boolean).join(' ').trim() || undefined,
    source: { file: context.file, line: lineOf(entry) },
  });
}

function isBlankText(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

interface TaskText {
  title: string;
  details?: string;
  due?: string;
  owner?: string;
  /** A bare date in brackets: when the task was done (or written). */
  on?: string;
}

/**
 * "Web client deployed (2026-04-24) — Next.js 16, 3 replicas" → title, date, details.
 * "Rotate keys @alice due 2026-06-01" → title, owner, due.
 */
function splitTaskText(text: string): TaskText {
  let rest = text;
  const owner = /(?:^|\s)@([\w.-]+)/.exec(rest);
  if (owner) rest = rest.replace(owner[0], '');
  const dueMatch = /[\s(]*\b(?:due|by)[:\s]+(\d{4}-\d{2}-\d{2})\)?/i.exec(rest);
  const due = dueMatch ? firstDate(dueMatch[1]!) : undefined;
  if (dueMatch && due) rest = rest.replace(dueMatch[0], '');
  const dated = /\s*\((\d{4}-\d{2}-\d{2})\)/.exec(rest);
  const on = dated ? datesIn(dated[1]!)[0] : undefined;
  let title = rest;
  let details: string | undefined;
  if (dated && on) {
    title = rest.slice(0, dated.index);
    details = rest.slice(dated.index + dated[0].length).replace(/^[\s.;,:—–-]+/, '');
  } else {
    const dash = /\s+[—–]\s+/.exec(rest);
    if (dash && dash.index >= 3) {
      title = rest.slice(0, dash.index);
      details = rest.slice(dash.index + dash[0].length);
    }
  }
  return compact({ title: title.trim(), details: details?.trim() || undefined, due, owner: owner?.[1], on });
}

/** "- **No canary deploys**: all-or-nothing rollouts" under a heading about accepted gaps. */
export function readAcceptedList(list: List, context: ReadContext): DraftItem[] {
  return list.children.flatMap((entry) => {
    const first = entry.children[0];
    if (first?.type !== 'paragraph' || first.children[0]?.type !== 'strong') return [];
    const [label, ...after] = first.children;
    const { title, reason } = splitLabel(inlineText([label!]), inlineText(after));
    const split = splitIdFromText(title);
    const decidedOn = reason ? firstDate(reason) : undefined;
    const extra = sourceOf(context.text, entry.children.slice(1) as RootContent[]).trim() || undefined;
    return [
      compact<DraftItem>({
        id: split?.id,
        kind: 'finding',
        title: split?.rest || title,
        status: 'accepted',
        acceptance: { type: 'risk' },
        decision: compact({ treatment: 'accept' as const, reason, on: decidedOn }),
        notes: extra,
        source: { file: context.file, line: lineOf(entry) },
      }),
    ];
  });
}

/** "**No feature flags** (app-level): code is deployed as-is" → the bracket stays with the title. */
function splitLabel(label: string, after: string): { title: string; reason?: string } {
  const qualifier = /^\s*(\([^)]*\))\s*:/.exec(after);
  const title = `${label.replace(/:$/, '')}${qualifier ? ` ${qualifier[1]}` : ''}`;
  const rest = (qualifier ? after.slice(qualifier[0].length) : after).replace(/^[\s:—–-]+/, '');
  return compact({ title, reason: rest || undefined });
}
