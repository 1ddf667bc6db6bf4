/**
 * Tracker entries written as headings: "### ~~Enable network policies~~ ✓ DONE (2026-04-24)",
 * "### OPS-7: Rotate keys", or a heading followed by "**Status:**" / "**Why:**" lines.
 */
import { parseStatus, type Status } from '../status.js';
import { firstDate, isBlank, severityIn, splitIdFromText, stripLeadingSymbols, stripNumbering } from './cells.js';
import { fieldsIn, fieldValue, type Field } from './fields.js';
import { compact, type DraftItem, type ReadContext } from './imported.js';
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
  const doneNote = heading.doneOn ? `Done ${heading.doneOn}.` : undefined;
  const body = sourceOf(context.text, notesBlocks).trim();
  return compact<DraftItem>({
    id: fieldValue(fields, 'id')?.value || heading.id,
    kind: isFinding(fields) ? 'finding' : 'task',
    title: heading.title,
    severity: fieldSeverity(fields, context),
    status: heading.status ?? fieldStatus(fields, context) ?? 'open',
    owner: presentValue(fieldValue(fields, 'owner')),
    due: firstDate(fieldValue(fields, 'due')?.value ?? ''),
    found: firstDate(fieldValue(fields, 'found')?.value ?? ''),
    effort: presentValue(fieldValue(fields, 'effort')),
    notes: [doneNote, body].filter(Boolean).join('\n\n') || undefined,
    source: { file: context.file, line: lineOf(section.heading) },
  });
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

function fieldStatus(fields: readonly Field[], context: ReadContext): Status | undefined {
  const field = fieldValue(fields, 'status');
  if (!field || isBlank(field.value)) return undefined;
  const status = parseStatus(field.value);
  if (!status) context.warn(field.line, `status "${field.value}" is not a status harden knows; read as open`);
  return status;
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
