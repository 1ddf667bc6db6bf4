/**
 * Tracker tables: finding/task rows, theme rows ("fix once, closes many") and
 * accepted-risk rows, each read by what its header columns mean.
 */
import type { Severity } from '../../severity.js';
import { parseStatus, type Status } from '../status.js';
import {
  datesIn,
  firstDate,
  idsIn,
  isBlank,
  isPlanId,
  severityIn,
  slugify,
  splitIdFromText,
  yesNo,
} from './cells.js';
import { mapColumns, normalizeHeader, titleHeaderMeansTask, type ColumnMap, type ColumnRole } from './columns.js';
import {
  compact,
  type AcceptanceType,
  type DraftAcceptance,
  type DraftItem,
  type DraftTheme,
  type ReadContext,
} from './imported.js';
import { inlineText, lineOf, type Table, type TableCell, type TableRow } from './tree.js';

export interface TableShape {
  headers: string[];
  columns: ColumnMap;
  rows: TableRow[];
}

export function shapeOf(table: Table): TableShape {
  const [headerRow, ...rows] = table.children;
  const headers = (headerRow?.children ?? []).map((cell) => inlineText(cell.children));
  return { headers, columns: mapColumns(headers), rows };
}

/** One row's cells by role, as text. */
class Row {
  constructor(
    private readonly row: TableRow,
    private readonly columns: ColumnMap,
  ) {}

  get line(): number {
    return lineOf(this.row);
  }

  cell(role: ColumnRole): TableCell | undefined {
    const index = this.columns[role];
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

  isEmpty(): boolean {
    return this.row.children.every((cell) => !inlineText(cell.children));
  }
}

function rowsOf(shape: TableShape): Row[] {
  return shape.rows.map((row) => new Row(row, shape.columns)).filter((row) => !row.isEmpty());
}

export function readTrackerTable(shape: TableShape, context: ReadContext): DraftItem[] {
  const titleHeader = shape.headers[shape.columns.title!] ?? '';
  const kind = titleHeaderMeansTask(titleHeader) ? 'task' : 'finding';
  const statusHeader = shape.columns.status === undefined ? '' : normalizeHeader(shape.headers[shape.columns.status] ?? '');
  return rowsOf(shape).flatMap((row) => {
    const title = row.text('title');
    if (!title) {
      context.warn(row.line, 'table row has no title; skipped');
      return [];
    }
    return [readTrackerRow(row, { kind, statusHeader, title }, context)];
  });
}

function readTrackerRow(row: Row, how: { kind: 'finding' | 'task'; statusHeader: string; title: string }, context: ReadContext): DraftItem {
  const titleSplit = row.cell('id') ? undefined : splitIdFromText(how.title);
  const done = row.isStruck('title');
  return compact<DraftItem>({
    id: rowId(row, context) ?? titleSplit?.id,
    kind: how.kind,
    title: titleSplit?.rest || how.title,
    severity: rowSeverity(row, context),
    status: done ? 'done' : rowStatus(row, how.statusHeader, context),
    inRepo: yesNo(row.text('inRepo')),
    owner: row.value('owner')?.replace(/^@/, ''),
    due: firstDate(row.text('due')),
    found: firstDate(row.text('found')) ?? firstDate(row.text('decidedOn')),
    effort: row.value('effort'),
    refs: listOf(row.value('refs')),
    tags: listOf(row.value('tags')),
    stageTitle: row.value('stage'),
    notes: rowNotes(row),
    source: { file: context.file, line: row.line },
  });
}

function rowId(row: Row, context: ReadContext): string | undefined {
  const text = row.value('id')?.replace(/[`*]/g, '').trim();
  if (!text) return undefined;
  if (isPlanId(text)) return text;
  const id = idsIn(text)[0] ?? slugify(text);
  context.warn(row.line, `id "${text}" is not a plan id (letters, digits, ".", ":", "_", "-"); using "${id}"`);
  return id || undefined;
}

function rowSeverity(row: Row, context: ReadContext): Severity | undefined {
  const text = row.text('severity');
  if (!text.trim()) return undefined;
  const severity = severityIn(text);
  if (!severity) context.warn(row.line, `severity "${text}" is not a severity harden knows; left out`);
  return severity;
}

/** A "Done" column holds yes/no; a "Status" column holds boxes or words. */
function rowStatus(row: Row, statusHeader: string, context: ReadContext): Status {
  const text = row.text('status');
  if (isBlank(text)) return 'open';
  const status = parseStatus(text);
  if (status) return status;
  if (/^(done|fixed|resolved|complete|completed)\??$/.test(statusHeader)) {
    const yes = yesNo(text);
    if (yes !== undefined) return yes ? 'done' : 'open';
  }
  context.warn(row.line, `status "${text}" is not a status harden knows; read as open`);
  return 'open';
}

function rowNotes(row: Row): string | undefined {
  const notes = [row.value('notes'), row.value('decision')].filter(Boolean);
  const inRepo = row.value('inRepo');
  if (inRepo && yesNo(inRepo) === undefined) notes.push(`In repo: ${inRepo}`);
  return notes.join(' ') || undefined;
}

function listOf(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const parts = text.split(/\s*[,;]\s*/).map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts : undefined;
}

export function readThemeTable(shape: TableShape, context: ReadContext): DraftTheme[] {
  return rowsOf(shape).flatMap((row) => {
    const title = row.text('theme') || row.text('title');
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
    if (!title && ids.length === 0) return [];
    const decision = decisionOf(row, row.value('decision'));
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
        notes: revisitNote(row),
        line: row.line,
      }),
    ];
  });
}

function decisionOf(row: Row, reason: string | undefined) {
  const reasonDates = datesIn(reason ?? '');
  const revisitInReason = reason ? /\brevisit\w*\s+(?:on\s+|by\s+|in\s+)?(\d{4}-\d{2}-\d{2})/i.exec(reason)?.[1] : undefined;
  return compact({
    treatment: 'accept' as const,
    by: row.value('decidedBy') ?? row.value('owner'),
    on: firstDate(row.text('decidedOn')) ?? reasonDates.find((date) => date !== revisitInReason),
    reason,
    revisit: firstDate(row.text('revisit')) ?? revisitInReason,
  });
}

/** A revisit written as words ("on workload growth") is kept as a note. */
function revisitNote(row: Row): string | undefined {
  const revisit = row.value('revisit');
  return revisit && !firstDate(revisit) ? `Revisit: ${revisit}` : undefined;
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
