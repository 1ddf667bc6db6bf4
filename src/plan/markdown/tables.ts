/**
 * Tracker tables: finding/task rows, theme rows ("fix once, closes many") and
 * accepted-risk rows, each read by what its columns mean.
 */
import type { Severity } from '../../severity.js';
import type { Status } from '../status.js';
import { datesIn, idsIn, isBlank, isPlanId, slugify, splitIdFromText, yesNo } from './cells.js';
import { guessTitleColumn, mapColumns, normalizeHeader, titleHeaderMeansTask, type ColumnMap, type ColumnRole } from './columns.js';
import { compact, type AcceptanceType, type DraftAcceptance, type DraftItem, type DraftTheme, type ReadContext } from './imported.js';
import { dateFields } from './item-dates.js';
import { readDate, withoutDates } from './loose-dates.js';
import { ownerInText, ownerOfCell } from './owners.js';
import { isSeverityPlaceholder, priorityInText, severityIn } from './priority-words.js';
import { decisionFromReason, joinSentences } from './reasons.js';
import { readStatusText, type StatusReading } from './status-words.js';
import { footnoteLabelsIn, inlineText, lineOf, type Table, type TableCell, type TableRow } from './tree.js';

export interface TableShape {
  headers: string[];
  columns: ColumnMap;
  /** Columns kept in the notes as "Header: value". */
  labelled: number[];
  /** Headers no role fits. */
  unknown: string[];
  /** The header read as the title although it does not say so. */
  guessedTitle?: string;
  rows: TableRow[];
}

export function shapeOf(table: Table): TableShape {
  const [headerRow, ...allRows] = table.children;
  const headers = (headerRow?.children ?? []).map((cell) => inlineText(cell.children));
  const rows = allRows.filter((row) => row.children.some((cell) => inlineText(cell.children)));
  const cells = rows.map((row) => row.children.map((cell) => inlineText(cell.children)));
  const { roles, labelled, unknown } = mapColumns(headers, cells);
  const shape: TableShape = { headers, columns: roles, labelled, unknown, rows };
  if (roles.title === undefined && hasItemColumns(roles, cells)) {
    const guess = guessTitleColumn(headers, { roles, labelled, unknown }, cells);
    if (guess !== undefined) {
      if (roles.notes === guess) delete roles.notes;
      roles.title = guess;
      shape.labelled = labelled.filter((index) => index !== guess);
      shape.unknown = unknown.filter((header) => header !== headers[guess]);
      shape.guessedTitle = headers[guess] || `column ${guess + 1}`;
    }
  }
  return shape;
}

/**
 * A status column, or ids that are more than row numbers: the rows are items. A severity
 * alone is not enough: "| Rating | Meaning |" is the legend of a report, not its findings.
 */
function hasItemColumns(roles: ColumnMap, cells: readonly (readonly string[])[]): boolean {
  if (roles.status !== undefined) return true;
  const idColumn = roles.id;
  return idColumn !== undefined && cells.some((row) => /[A-Za-z]/.test(row[idColumn] ?? ''));
}

/** Headers that say only "notes": their cells are kept as written, without a label. */
const GENERIC_NOTES = new Set(['notes', 'note', 'comment', 'comments', 'details', 'remarks', 'context', 'description']);

/** One row's cells by role, as text. */
class Row {
  constructor(
    private readonly row: TableRow,
    private readonly shape: TableShape,
  ) {}

  get line(): number {
    return lineOf(this.row);
  }

  cell(role: ColumnRole): TableCell | undefined {
    const index = this.shape.columns[role];
    return index === undefined ? undefined : this.row.children[index];
  }

  text(role: ColumnRole): string {
    const cell = this.cell(role);
    return cell ? inlineText(cell.children) : '';
  }

  /** The cell's text, or undefined when it is blank ("", "—", "n/a"). */
  value(role: ColumnRole): string | undefined {
    const text = this.text(role);
    return isBlank(text) ? undefined : text;
  }

  isStruck(role: ColumnRole): boolean {
    const children = this.cell(role)?.children ?? [];
    return children.length > 0 && children.every((child) => child.type === 'delete' || (child.type === 'text' && !child.value.trim()));
  }

  /**
   * The notes column and the labelled columns, in the table's order: "Requirement: …",
   * "Evidence: screenshot 4"; a column called "Notes" or the like is kept without its label.
   */
  columnNotes(alsoLabelled: readonly ColumnRole[] = []): string[] {
    const notes = this.shape.columns.notes;
    const more = alsoLabelled.flatMap((role) => (this.shape.columns[role] === undefined ? [] : [this.shape.columns[role]!]));
    const columns = [...(notes === undefined ? [] : [notes]), ...this.shape.labelled, ...more].sort((a, b) => a - b);
    return columns.flatMap((index) => {
      const cell = this.row.children[index];
      const text = cell ? inlineText(cell.children) : '';
      if (isBlank(text)) return [];
      const header = this.shape.headers[index] || `Column ${index + 1}`;
      return [index === notes && GENERIC_NOTES.has(normalizeHeader(header)) ? text : `${header}: ${text}`];
    });
  }

  /** The texts of the footnotes the row refers to. */
  footnotes(context: ReadContext): string[] {
    const labels = this.row.children.flatMap((cell) => footnoteLabelsIn(cell.children));
    return labels.flatMap((label) => context.footnotes.get(label) ?? []);
  }
}

function rowsOf(shape: TableShape): Row[] {
  return shape.rows.map((row) => new Row(row, shape));
}

/** Roles of theme and accepted-risk tables: in a tracker table their columns are notes ("Where: edge"). */
const NOT_TRACKER_ROLES: readonly ColumnRole[] = ['anchor', 'theme', 'closes'];
/** Roles a tracker row reads only when it is accepted; otherwise their columns are notes ("Review date: 2026-06-30"). */
const DECISION_ROLES: readonly ColumnRole[] = ['decidedBy', 'revisit', 'acceptance'];

/** `sectionStatus`: what the heading above says of rows that state no status ("## Fixed", "## Won't fix"). */
export function readTrackerTable(table: TableShape, context: ReadContext, sectionStatus?: StatusReading): DraftItem[] {
  const moved = NOT_TRACKER_ROLES.flatMap((role) => (table.columns[role] === undefined ? [] : [table.columns[role]!]));
  const shape = { ...table, labelled: [...table.labelled, ...moved] };
  const titleHeader = shape.headers[shape.columns.title!] ?? '';
  const kind = titleHeaderMeansTask(titleHeader) ? 'task' : 'finding';
  const statusHeader = shape.columns.status === undefined ? '' : normalizeHeader(shape.headers[shape.columns.status] ?? '');
  const unrated: { line: number; text: string }[] = [];
  const items = rowsOf(shape).flatMap((row) => {
    const title = row.text('title');
    if (!title) {
      context.warn(row.line, `table row has no ${titleHeader ? `"${titleHeader}"` : 'title'}; skipped`);
      return [];
    }
    if (isSeverityPlaceholder(row.text('severity'))) unrated.push({ line: row.line, text: row.text('severity') });
    const how: RowHow = { kind, statusHeader, title, hasSeverityColumn: shape.columns.severity !== undefined, sectionStatus };
    return [readTrackerRow(row, how, context)];
  });
  if (unrated.length > 0) {
    const header = shape.headers[shape.columns.severity!] ?? 'severity';
    const rows = unrated.length === 1 ? '1 row' : `${unrated.length} rows (lines ${unrated.map((row) => row.line).join(', ')})`;
    context.warn(unrated[0]!.line, `"${header}" is "${unrated[0]!.text}" on ${rows}: no severity, left unset (not info)`);
  }
  return items;
}

interface RowHow {
  kind: 'finding' | 'task';
  statusHeader: string;
  title: string;
  hasSeverityColumn: boolean;
  sectionStatus?: StatusReading;
}

function readTrackerRow(row: Row, how: RowHow, context: ReadContext): DraftItem {
  const titleSplit = row.cell('id') ? undefined : splitIdFromText(how.title);
  let title = titleSplit?.rest || how.title;
  const priority = how.hasSeverityColumn ? undefined : priorityInText(title);
  if (priority) title = priority.rest;
  const said = row.isStruck('title') ? { status: 'done' as const, notes: [] } : resolved(rowStatus(row, how, context), row);
  const owner = rowOwner(row, title);
  if (owner?.rest) title = owner.rest;
  const dates = rowDates(row, said.status, context);
  const footnotes = row.footnotes(context);
  const accepted = said.status === 'accepted';
  const reason = accepted ? joinSentences([row.value('decision'), ...footnotes]) : undefined;
  const told = reason ? decisionFromReason(reason, context, row.line) : undefined;
  const decidedOn = dates.decidedOn ?? told?.on;
  const decidedBy = accepted ? row.value('decidedBy') : undefined;
  const revisit = accepted ? readDate(row.text('revisit'), context, row.line) : undefined;
  const decision = accepted && (reason || decidedOn || decidedBy || revisit)
    ? compact({ ...told, treatment: 'accept' as const, by: decidedBy ?? told?.by, on: decidedOn, revisit })
    : undefined;
  const acceptance = said.acceptance ?? (accepted ? acceptanceTypeOf(row.text('acceptance')) : undefined);
  const saidFirst = [...(dates.note ? [dates.note] : []), ...said.notes];
  return compact<DraftItem>({
    id: rowId(row, context) ?? titleSplit?.id,
    kind: how.kind,
    title,
    severity: rowSeverity(row, context) ?? priority?.severity,
    status: said.status,
    acceptance: acceptance ? { type: acceptance } : undefined,
    decision,
    inRepo: yesNo(row.text('inRepo')),
    owner: owner?.owner,
    due: dates.due,
    found: dates.found,
    effort: row.value('effort'),
    refs: listOf(row.value('refs')),
    tags: listOf(row.value('tags')),
    stageTitle: row.value('stage'),
    notes: rowNotes(row, saidFirst, accepted ? [] : [row.value('decision'), ...footnotes], accepted ? [] : DECISION_ROLES),
    source: { file: context.file, line: row.line },
  });
}

function rowId(row: Row, context: ReadContext): string | undefined {
  // An issue number "#12" is the id "12".
  const text = row.value('id')?.replace(/[`*]/g, '').trim().replace(/^#(?=\d+$)/, '');
  if (!text) return undefined;
  if (isPlanId(text)) return text;
  const id = idsIn(text)[0] ?? slugify(text);
  context.warn(row.line, `id "${text}" is not a plan id (letters, digits, ".", ":", "_", "-"); using "${id}"`);
  return id || undefined;
}

/** A placeholder ("—") is left unset, and the table warns once about all of them. */
function rowSeverity(row: Row, context: ReadContext): Severity | undefined {
  const text = row.text('severity');
  if (!text.trim() || isSeverityPlaceholder(text)) return undefined;
  const severity = severityIn(text);
  if (!severity) context.warn(row.line, `severity "${text}" is not a severity harden knows; left out`);
  return severity;
}

interface RowStatus {
  status: Status;
  acceptance?: AcceptanceType;
  /** What the status cell said beyond the status: "Blocked: vendor", "Status: done in PR #12". */
  notes: string[];
}

/**
 * A "Status" column holds boxes or words; a "Done" column yes/no or the day it was done; a
 * row with no status takes the one its section heading gives, if any.
 */
function rowStatus(row: Row, how: RowHow, context: ReadContext): RowStatus {
  const text = row.text('status');
  const reading = readStatusText(text);
  if (!reading && isBlank(text)) {
    const section = how.sectionStatus;
    return section ? compact({ status: section.status, acceptance: section.acceptance, notes: [] }) : { status: 'open', notes: [] };
  }
  if (reading) {
    const rest = withoutDates(reading.rest, context).replace(/^[\s(:—–-]+|[\s):—–-]+$/g, '');
    const notes = reading.blocked ? [`Blocked${rest ? `: ${rest}` : '.'}`] : /\p{L}{2}/u.test(rest) ? [`Status: ${text}`] : [];
    return compact({ status: reading.status, acceptance: reading.acceptance, notes });
  }
  if (/^(done|fixed|resolved|complete|completed|implemented|compliant|met)\??$/.test(how.statusHeader)) {
    const yes = yesNo(text);
    if (yes !== undefined) return { status: yes ? 'done' : 'open', notes: [] };
    const day = readDate(text, context, row.line);
    if (day) return { status: 'done', notes: [] };
  }
  context.warn(row.line, `status "${text}" is not a status harden knows; read as open`);
  return { status: 'open', notes: [`Status: ${text}`] };
}

/**
 * A "Resolution" column says how a closed issue was closed: "Won't Do", "Duplicate" and
 * "Cannot Reproduce" are accepted, not done. "Done", "Fixed" and "Unresolved" add nothing.
 */
function resolved(said: RowStatus, row: Row): RowStatus {
  const resolution = readStatusText(row.text('resolution'));
  if (!resolution || resolution.status !== 'accepted' || said.status === 'in-progress' || said.status === 'open') return said;
  return compact({ ...said, status: 'accepted' as const, acceptance: resolution.acceptance ?? said.acceptance });
}

/** The owner column, or else the first @handle in the title or notes. */
function rowOwner(row: Row, title: string): { owner: string; rest?: string } | undefined {
  const cell = row.value('owner');
  if (cell) {
    const owner = ownerOfCell(cell);
    return owner ? { owner } : undefined;
  }
  const inTitle = ownerInText(title);
  if (inTitle) return inTitle;
  const inNotes = ownerInText(row.text('notes'));
  return inNotes ? { owner: inNotes.owner } : undefined;
}

/** Dates from their columns; a "Date" column is when the item was found; a date in the status cell goes where its status says. */
function rowDates(row: Row, status: Status, context: ReadContext) {
  const date = (role: ColumnRole) => readDate(row.text(role), context, row.line);
  const statusDate = readStatusDate(row, context);
  const placed = statusDate ? dateFields(status, statusDate) : {};
  const doneOn = date('doneOn');
  return {
    due: date('due') ?? placed.due,
    found: date('found') ?? date('decidedOn') ?? placed.found,
    decidedOn: placed.decidedOn,
    note: doneOn ? `Done ${doneOn}.` : placed.note,
  };
}

/** "Done (2026-04-24)" in a status column, or "2026-04-24" in a "Done" column. */
function readStatusDate(row: Row, context: ReadContext): string | undefined {
  const text = row.text('status');
  const reading = readStatusText(text);
  return readDate(reading ? reading.rest : text, context, row.line);
}

/**
 * Notes, one line each: what the status cell said, the notes column (labelled unless it is
 * called "Notes" or the like), the other columns kept as "Header: value", and what is no
 * decision's reason.
 */
function rowNotes(row: Row, said: readonly string[], more: readonly (string | undefined)[], alsoLabelled: readonly ColumnRole[]): string | undefined {
  const [decision, ...footnotes] = more;
  const notes = [...said, ...row.columnNotes(alsoLabelled), decision, ...footnotes].filter(Boolean);
  const inRepo = row.value('inRepo');
  if (inRepo && yesNo(inRepo) === undefined) notes.push(`In repo: ${inRepo}`);
  return notes.join('\n') || undefined;
}

function listOf(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const parts = text.split(/\s*[,;]\s*/).map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts : undefined;
}

export function readThemeTable(shape: TableShape, context: ReadContext): DraftTheme[] {
  return rowsOf(shape).flatMap((row) => {
    const title = row.text('theme') || row.text('title');
    if (!title) context.warn(row.line, 'theme row has no title; skipped');
    if (!title) return [];
    const closes = idsIn(row.text('closes'));
    const ownId = row.value('id');
    if (closes.length === 0) context.warn(row.line, `theme "${title}" lists no item ids it closes; skipped`);
    if (closes.length === 0) return [];
    return [
      compact<DraftTheme>({
        id: ownId && isPlanId(ownId) ? ownId : undefined,
        title,
        closes,
        description: row.value('anchor'),
        line: row.line,
      }),
    ];
  });
}

export function readAcceptedTable(shape: TableShape, type: AcceptanceType, context: ReadContext): DraftAcceptance[] {
  return rowsOf(shape).flatMap((row) => {
    const title = row.value('title');
    const idText = row.value('id') ?? '';
    const ids = idText ? idsIn(idText) : [];
    if (idText && ids.length === 0) context.warn(row.line, `"${idText}" names no item id; read as a new item`);
    if (!title && ids.length === 0) context.warn(row.line, 'accepted-risk row names no item and has no title; skipped');
    if (!title && ids.length === 0) return [];
    const reason = joinSentences([row.value('decision'), ...row.footnotes(context)]);
    const decision = decisionOf(row, reason, context);
    const stated = acceptanceTypeOf(row.text('acceptance'));
    const saysSomething = stated !== undefined || Object.keys(decision).length > 1;
    return [
      compact<DraftAcceptance>({
        ids,
        title,
        severity: severityIn(row.text('severity')),
        type: stated ?? type,
        decision,
        saysSomething,
        notes: revisitNote(row, context),
        line: row.line,
      }),
    ];
  });
}

function decisionOf(row: Row, reason: string | undefined, context: ReadContext) {
  const reasonDates = datesIn(reason ?? '');
  const revisitInReason = reason ? /\brevisit\w*\s+(?:on\s+|by\s+|in\s+)?(\d{4}-\d{2}-\d{2})/i.exec(reason)?.[1] : undefined;
  return compact({
    treatment: 'accept' as const,
    by: row.value('decidedBy') ?? row.value('owner'),
    on: readDate(row.text('decidedOn'), context, row.line) ?? reasonDates.find((date) => date !== revisitInReason),
    reason,
    revisit: readDate(row.text('revisit'), context, row.line) ?? revisitInReason,
  });
}

/** A revisit written as words ("on workload growth") is kept as a note. */
function revisitNote(row: Row, context: ReadContext): string | undefined {
  const revisit = row.value('revisit');
  return revisit && !readDate(revisit, context, row.line) ? `Revisit: ${revisit}` : undefined;
}

function acceptanceTypeOf(text: string): AcceptanceType | undefined {
  const word = text.trim().toLowerCase();
  if (!word) return undefined;
  if (word.startsWith('false')) return 'false-positive';
  if (word.startsWith('not') || word === 'n/a') return 'not-applicable';
  if (word.startsWith('defer')) return 'deferred';
  if (word.includes('risk') || word.startsWith('accept')) return 'risk';
  return undefined;
}
