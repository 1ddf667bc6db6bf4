/**
 * Tracker entries written as headings: "### ~~Enable network policies~~ ✓ DONE (2026-04-24)",
 * "### OPS-7: Rotate keys", or a heading followed by "**Status:**" / "**Why:**" lines.
 */
import { parseStatus, type Status } from '../status.js';
import { firstDate, isBlank, splitIdFromText, stripLeadingSymbols, stripNumbering } from './cells.js';
import { fieldsIn, fieldValue, type Field } from './fields.js';
import { compact, type DraftItem, type ReadContext } from './imported.js';
import { dateFields } from './item-dates.js';
import { bracketedDateIn, readDate, withoutDates } from './loose-dates.js';
import { ownerInText, ownerOfCell } from './owners.js';
import { priorityInText, severityIn } from './priority-words.js';
import { decisionFromReason } from './reasons.js';
import { readStatusText, type StatusReading } from './status-words.js';
import { inlineText, lineOf, sourceOf, type Heading, type PhrasingContent, type Root, type RootContent } from './tree.js';

/** A heading and the blocks up to the next heading (the preamble has no heading). */
export interface Section {
  heading?: Heading;
  body: RootContent[];
}

export function splitSections(root: Root): Section[] {
  const sections: Section[] = [{ body: [] }];
  for (const node of root.children) {
    if (node.type === 'heading') sections.push({ heading: node, body: [] });
    else sections.at(-1)!.body.push(node);
  }
  return sections;
}

interface HeadingTitle {
  title: string;
  id?: string;
  status?: Status;
  doneOn?: string;
}

/**
 * Whether a heading section is a tracker entry: struck through, an id or a status
 * box in the heading, or "**Status:**" / "**Why:**" / "**Owner:**"-style lines below it.
 */
export function isHeadingItem(section: Section): section is Required<Section> {
  if (!section.heading) return false;
  const heading = readHeadingTitle(section.heading.children);
  return heading.title !== '' && isTrackerEntry(heading, fieldsIn(section.body));
}

/** The item a heading section stands for; `notesBlocks` (its body and sub-sections) become its notes. */
export function readHeadingItem(section: Required<Section>, notesBlocks: readonly RootContent[], context: ReadContext): DraftItem {
  const heading = readHeadingTitle(section.heading.children);
  const fields = fieldsIn(section.body);
  const said = fieldStatus(fields, context);
  const status = heading.status ?? said?.status ?? 'open';
  const line = lineOf(section.heading);
  const inHeading = bracketedDateIn(heading.title, context, line);
  const headingText = inHeading ? `${heading.title.slice(0, inHeading.index)}${heading.title.slice(inHeading.index + inHeading.length)}`.trim() : heading.title;
  const priority = priorityInText(headingText);
  const owner = ownerInText(priority?.rest ?? headingText);
  const title = owner?.rest || priority?.rest || headingText;
  const dateField = fieldValue(fields, 'date');
  const dated = dateField ? readDate(dateField.value, context, dateField.line) : undefined;
  const statusDate = said ? readDate(said.rest, context, said.line) : undefined;
  const placed = dated
    ? dateFields(status, dated, dateField!.key)
    : statusDate
      ? dateFields(status, statusDate)
      : inHeading
        ? dateFields(status, inHeading.date, inHeading.word)
        : {};
  const accepted = status === 'accepted';
  const saidMore = said ? withoutDates(said.rest, context).replace(/^[\s(:—–-]+|[\s):—–-]+$/g, '') : '';
  const reason = presentValue(fieldValue(fields, 'reason')) ?? (accepted && saidMore ? saidMore : undefined);
  const told = accepted && reason ? decisionFromReason(reason, context, line) : undefined;
  const decidedOn = placed.decidedOn ?? told?.on;
  const doneNote = heading.doneOn ? `Done ${heading.doneOn}.` : placed.note;
  const blocked = said?.blocked ? `Blocked${saidMore ? `: ${saidMore}` : '.'}` : undefined;
  const body = sourceOf(context.text, notesBlocks).trim();
  const ownerField = presentValue(fieldValue(fields, 'owner'));
  return compact<DraftItem>({
    id: fieldValue(fields, 'id')?.value || heading.id,
    kind: isFinding(fields) ? 'finding' : 'task',
    title,
    severity: fieldSeverity(fields, context) ?? priority?.severity,
    status,
    acceptance: accepted && said?.acceptance ? { type: said.acceptance } : undefined,
    decision: accepted && (reason || decidedOn) ? compact({ ...told, treatment: 'accept' as const, on: decidedOn }) : undefined,
    owner: (ownerField ? ownerOfCell(ownerField) : undefined) ?? owner?.owner,
    due: fieldDate(fields, 'due', context) ?? placed.due,
    found: fieldDate(fields, 'found', context) ?? placed.found,
    effort: presentValue(fieldValue(fields, 'effort')),
    notes: [doneNote, blocked, body].filter(Boolean).join('\n\n') || undefined,
    source: { file: context.file, line },
  });
}

function fieldDate(fields: readonly Field[], role: 'due' | 'found', context: ReadContext): string | undefined {
  const field = fieldValue(fields, role);
  return field ? readDate(field.value, context, field.line) : undefined;
}

function isTrackerEntry(heading: HeadingTitle, fields: readonly Field[]): boolean {
  if (heading.status !== undefined || heading.id !== undefined) return true;
  return (['status', 'severity', 'owner', 'due', 'motive'] as const).some((role) => fieldValue(fields, role) !== undefined);
}

const LEADING_BOX = /^(☐|◐|☑|⊘|\[ \]|\[x\])\s*/i;

function readHeadingTitle(children: readonly PhrasingContent[]): HeadingTitle {
  const meaningful = children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  if (meaningful[0]?.type === 'delete') return readStruckTitle(children);
  let text = inlineText(children);
  const box = LEADING_BOX.exec(text);
  const status = box ? parseStatus(box[1]!) : undefined;
  if (box) text = text.slice(box[0].length);
  text = stripNumbering(stripLeadingSymbols(text));
  const split = splitIdFromText(text);
  return compact({ title: split?.rest || text, id: split?.id, status });
}

/** "~~Title~~ ✓ DONE (2026-04-24)": struck through means done unless the words say otherwise. */
function readStruckTitle(children: readonly PhrasingContent[]): HeadingTitle {
  const struck = children.filter((child) => child.type === 'delete');
  const marker = inlineText(children.filter((child) => child.type !== 'delete'));
  const text = stripNumbering(stripLeadingSymbols(inlineText(struck)));
  const split = splitIdFromText(text);
  return compact({
    title: split?.rest || text,
    id: split?.id,
    status: (marker && parseStatus(marker)) || 'done',
    doneOn: firstDate(marker),
  });
}

function isFinding(fields: readonly Field[]): boolean {
  if (fieldValue(fields, 'severity')) return true;
  return fields.some((field) => ['risk', 'finding', 'issue', 'problem'].includes(field.key));
}

function fieldStatus(fields: readonly Field[], context: ReadContext): (StatusReading & { line: number }) | undefined {
  const field = fieldValue(fields, 'status');
  if (!field || isBlank(field.value)) return undefined;
  const reading = readStatusText(field.value);
  if (!reading) context.warn(field.line, `status "${field.value}" is not a status harden knows; read as open`);
  return reading && { ...reading, line: field.line };
}

function fieldSeverity(fields: readonly Field[], context: ReadContext) {
  const field = fieldValue(fields, 'severity');
  if (!field || isBlank(field.value)) return undefined;
  const severity = severityIn(field.value);
  if (!severity) context.warn(field.line, `severity "${field.value}" is not a severity harden knows; left out`);
  return severity;
}

function presentValue(field: Field | undefined): string | undefined {
  return field && !isBlank(field.value) ? field.value : undefined;
}
