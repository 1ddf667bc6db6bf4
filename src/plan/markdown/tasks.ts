/**
 * Tracker entries written as list items: GFM task lists ("- [ ] title",
 * "- [x] [OPS-12] pin base images (high) — notes", "- [ ] **SEC-3**: rotate keys — P1 @dana"),
 * the boxes of other task-list dialects ("- [~] DNS-2 …", "- [-] dropped"), and, under an
 * "accepted" heading, "- **Gap**: why we live with it" bullets.
 */
import { firstDate, splitIdFromText } from './cells.js';
import { compact, type DraftItem, type ReadContext } from './imported.js';
import { dateFields, type DateFields } from './item-dates.js';
import { bracketedDateIn, readDates } from './loose-dates.js';
import { ownerInText } from './owners.js';
import { priorityInText } from './priority-words.js';
import { decisionFromReason, joinSentences } from './reasons.js';
import { acceptanceIn, BOXES, readStatusText, type StatusReading } from './status-words.js';
import { footnoteLabelsIn, inlineText, lineOf, sourceOf, type List, type ListItem, type PhrasingContent, type RootContent } from './tree.js';

/**
 * Every task-list entry in the list, nested ones included, in document order. Under a
 * heading that names a status ("## Done", "## TODO"), `sectionStatus`, every entry of a
 * plain list is one, with that status.
 */
export function readTaskList(list: List, context: ReadContext, sectionStatus?: StatusReading): DraftItem[] {
  const items: DraftItem[] = [];
  for (const entry of list.children) {
    if (isTask(entry) || sectionStatus) items.push(readTask(entry, context, sectionStatus));
    for (const child of entry.children) if (child.type === 'list' && hasTasks(child)) items.push(...readTaskList(child, context));
  }
  return items;
}

export function hasTasks(list: List): boolean {
  return list.children.some((entry) => isTask(entry) || entry.children.some((c) => c.type === 'list' && hasTasks(c)));
}

/** "[~] ", "[-] ", "[/] ", "[>] ": a box GFM does not know, at the start of the entry. */
const OTHER_BOX = /^\[([~/\-.>!?])\]\s+/;

function isTask(entry: ListItem): boolean {
  return typeof entry.checked === 'boolean' || otherBox(entry) !== undefined;
}

function otherBox(entry: ListItem): string | undefined {
  const first = entry.children[0];
  const start = first?.type === 'paragraph' ? first.children[0] : undefined;
  return start?.type === 'text' ? OTHER_BOX.exec(start.value)?.[1] : undefined;
}

/** Symbols some trackers put after an unticked box to say more than "open". */
const LEADING_SYMBOL = /^(◐|◑|🚧|🔄|⏳|⊘|⛔|🛑)\uFE0F?\s*/u;

function readTask(entry: ListItem, context: ReadContext, sectionStatus?: StatusReading): DraftItem {
  const first = entry.children[0];
  const phrasing = first?.type === 'paragraph' ? first.children : [];
  const struck = phrasing.length > 0 && phrasing.every((node) => node.type === 'delete' || isBlankText(node));
  let text = inlineText(phrasing);
  const box = otherBox(entry);
  const unboxed = typeof entry.checked !== 'boolean' && sectionStatus ? sectionStatus : { status: entry.checked ? ('done' as const) : ('open' as const) };
  let reading: Omit<StatusReading, 'rest'> = box ? BOXES[box]! : unboxed;
  if (box) text = text.replace(OTHER_BOX, '');
  const symbol = LEADING_SYMBOL.exec(text);
  if (symbol) {
    text = text.slice(symbol[0].length);
    if (!entry.checked) reading = readStatusText(symbol[1]!) ?? reading;
  }
  const marker = statusMarkerIn(text, entry.checked === true);
  if (marker) {
    text = marker.rest;
    reading = marker.reading;
  }
  if (struck) reading = { status: 'done' };
  const line = lineOf(entry);
  const parts = splitTaskText(text, reading.status, context, line);
  const split = splitIdFromText(parts.title);
  const extraBlocks = entry.children.slice(1).filter((child) => !(child.type === 'list' && hasTasks(child)));
  const more = sourceOf(context.text, extraBlocks).trim();
  const footnotes = footnoteLabelsIn(phrasing).flatMap((label) => context.footnotes.get(label) ?? []);
  const accepted = reading.status === 'accepted';
  // An accepted entry's words after the title are why: "[-] Read-only root filesystem — won't fix, the renderer writes to $HOME".
  const reason = accepted ? joinSentences([marker?.said, parts.details, ...footnotes]) : undefined;
  const decision = reason ? decisionFromReason(reason, context, line) : undefined;
  const decidedOn = parts.dates.decidedOn ?? decision?.on;
  const acceptance = accepted ? reading.acceptance ?? acceptanceIn(text) : undefined;
  const blocked = reading.blocked ? `Blocked${marker?.said ? `: ${marker.said}` : '.'}` : undefined;
  return compact<DraftItem>({
    id: split?.id,
    kind: 'task',
    title: split?.rest || parts.title,
    severity: parts.severity,
    status: reading.status,
    acceptance: acceptance ? { type: acceptance } : undefined,
    decision: accepted && (reason || decidedOn) ? compact({ ...decision, treatment: 'accept' as const, on: decidedOn }) : undefined,
    owner: parts.owner,
    due: parts.dates.due,
    found: parts.dates.found,
    notes: [parts.dates.note, blocked, accepted ? undefined : parts.details, more, ...(accepted ? [] : footnotes)].filter(Boolean).join(' ').trim() || undefined,
    source: { file: context.file, line },
  });
}

function isBlankText(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/**
 * A status written in brackets in the line: "(in progress)", "[WIP]", "(blocked on the
 * vendor)", "(won't fix: no budget)". An open box takes it; a ticked one only an acceptance.
 */
function statusMarkerIn(text: string, ticked: boolean): { reading: Omit<StatusReading, 'rest'>; said?: string; rest: string } | undefined {
  for (const group of text.matchAll(/\s*[([]([^()[\]]{2,80})[)\]]/g)) {
    const reading = readStatusText(group[1]!);
    if (!reading || !/^\W*\p{L}/u.test(group[1]!)) continue;
    const useful = reading.blocked || reading.status === 'in-progress' || reading.status === 'accepted';
    if (!useful || (ticked && reading.status !== 'accepted')) continue;
    const rest = `${text.slice(0, group.index)}${text.slice(group.index + group[0].length)}`;
    const { rest: said, ...meaning } = reading;
    return { reading: meaning, said: said || undefined, rest };
  }
  return undefined;
}

interface TaskText {
  title: string;
  details?: string;
  owner?: string;
  severity?: DraftItem['severity'];
  dates: DateFields;
}

/**
 * "Web client deployed (2026-04-24) — Next.js 16, 3 replicas" → title, date, details.
 * "Rotate keys @alice due 2026-06-01" → title, owner, due. "Pin images (high) — why" → title, priority, details.
 */
function splitTaskText(text: string, status: DraftItem['status'], context: ReadContext, line: number): TaskText {
  let rest = text;
  const dates: DateFields = {};
  const due = dueIn(rest, context, line);
  if (due) {
    dates.due = due.date;
    rest = due.rest;
  }
  const owner = ownerInText(rest);
  if (owner) rest = owner.rest;
  const priority = priorityInText(rest);
  if (priority) rest = priority.rest;
  const dated = bracketedDateIn(rest, context, line);
  let title = rest;
  let details: string | undefined;
  if (dated) {
    Object.assign(dates, { ...dateFields(status, dated.date, dated.word), ...dates });
    title = rest.slice(0, dated.index);
    details = rest.slice(dated.index + dated.length).replace(/^[\s.;,:—–-]+/, '');
  } else {
    const dash = /\s+[—–]\s+/.exec(rest);
    if (dash && dash.index >= 3) {
      title = rest.slice(0, dash.index);
      details = rest.slice(dash.index + dash[0].length);
    }
  }
  return compact({ title: title.trim(), details: details?.trim() || undefined, owner: owner?.owner, severity: priority?.severity, dates });
}

/** "due 2026-06-01", "by Apr 30, 2026", "(due: 30/04/2026)": the due date, and the line without it. */
function dueIn(text: string, context: ReadContext, line: number): { date: string; rest: string } | undefined {
  for (const found of readDates(text, context, line)) {
    const before = /[\s(]*\b(?:due|by|deadline|eta)\s*:?\s*$/i.exec(text.slice(0, found.index));
    if (!before) continue;
    const end = found.index + found.length;
    const closing = before[0].includes('(') && text.charAt(end) === ')' ? 1 : 0;
    return { date: found.date, rest: `${text.slice(0, before.index)}${text.slice(end + closing)}` };
  }
  return undefined;
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
