/**
 * What a tracker table's columns mean: first from their header words (trackers name the
 * same column many ways: "#", "ID", "Ref"; "Sev", "Priority", "Risk rating"; "Finding",
 * "Concern", "Requirement"), then from what their cells hold when a header says nothing
 * harden knows (a column of ☑/☐ is the status, of High/Low the severity, of OPS-12 the id).
 */
import { isIdCell, isBlank } from './cells.js';
import { HEADER_PHRASES, HEADER_WORDS, PRIMARY_TITLE_WORDS, SCORE_HEADERS, TASK_TITLE_WORDS, type ColumnRole } from './header-words.js';
import { isSeverityPlaceholder, severityIn } from './priority-words.js';
import { readStatusText } from './status-words.js';

export type { ColumnRole } from './header-words.js';

/** Column index by role. */
export type ColumnMap = Partial<Record<ColumnRole, number>>;

export interface TableColumns {
  roles: ColumnMap;
  /** Columns kept in each item's notes as "Header: value": a second description, a column no role fits. */
  labelled: number[];
  /** Headers harden has no role for, kept as labelled notes; the import warns about them once. */
  unknown: string[];
}

const ROLE_BY_PHRASE = new Map<string, ColumnRole>(
  (Object.entries(HEADER_PHRASES) as [ColumnRole, readonly string[]][]).flatMap(([role, words]) => words.map((word) => [word, role] as const)),
);

/** "In-repo?" → "in repo?", "**Sev.**" → "sev". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[-_/]+/g, ' ')
    .replace(/[^\p{L}\p{N}#?() ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface HeaderReading {
  role: ColumnRole;
  /** Written exactly as a known header, not pieced together from its words. */
  exact: boolean;
}

export function roleOfHeader(header: string): HeaderReading | undefined {
  const phrase = normalizeHeader(header);
  const exact = ROLE_BY_PHRASE.get(phrase) ?? ROLE_BY_PHRASE.get(phrase.replace(/\?$/, '')) ?? ROLE_BY_PHRASE.get(phrase.replace(/[()]/g, ''));
  if (exact) return { role: exact, exact: true };
  const scored = scoreWords(phrase.replace(/[?()]/g, ' ').split(' ').filter(Boolean));
  return scored ? { role: scored, exact: false } : undefined;
}

/** The role the header's words point to most, the last word (the head of "Remediation status") weighing half again. */
function scoreWords(words: readonly string[]): ColumnRole | undefined {
  const scores = new Map<ColumnRole, number>();
  words.forEach((word, index) => {
    const weights = HEADER_WORDS[word] ?? HEADER_WORDS[word.replace(/s$/, '')];
    const head = index === words.length - 1 ? 1.5 : 1;
    for (const [role, weight] of Object.entries(weights ?? {}) as [ColumnRole, number][]) scores.set(role, (scores.get(role) ?? 0) + weight * head);
  });
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2 || (second && second[1] === best[1])) return undefined;
  return best[0];
}

/** How well a header names an item: "Finding" over "Name" over "Description". */
function titleRank(header: string): number {
  const phrase = normalizeHeader(header);
  if (PRIMARY_TITLE_WORDS.has(phrase)) return 3;
  if (['name', 'summary', 'what'].includes(phrase)) return 2;
  if (['description', 'recommendation'].includes(phrase)) return 1;
  return 2;
}

/** What the cells of a column are, when all of those that say something are one kind. */
type CellKind = 'status' | 'severity' | 'id';

/** Answers that say yes or no to a header's question ("Fixed?"), not a status by themselves. */
const YES_OR_NO = /^(?:y|yes|n|no|true|false)$/i;

function kindOfCells(cells: readonly string[]): CellKind | undefined {
  const said = cells.filter((cell) => !isBlank(cell) && !isSeverityPlaceholder(cell));
  if (said.length === 0) return undefined;
  if (said.every((cell) => readStatusText(cell) !== undefined && !YES_OR_NO.test(cell.trim()) && severityIn(cell) === undefined)) return 'status';
  if (said.every((cell) => severityIn(cell) !== undefined && cell.split(/\s+/).length <= 4)) return 'severity';
  if (said.every((cell) => isIdCell(cell))) return 'id';
  return undefined;
}

/**
 * Reads the roles of a table's columns from its headers and, where the headers fall
 * short, from `cells` (cells[row][column], as text). The first column wins when two share a role.
 */
export function mapColumns(headers: readonly string[], cells: readonly (readonly string[])[] = []): TableColumns {
  const roles: ColumnMap = {};
  const labelled: number[] = [];
  const scores = headers.flatMap((header, index) => (SCORE_HEADERS.includes(normalizeHeader(header)) ? [index] : []));
  const readings = headers.map((header, index) => (scores.includes(index) ? undefined : roleOfHeader(header)));
  // Exact headers first, then headers read word by word; the title is chosen among all title-like headers.
  for (const exact of [true, false]) {
    readings.forEach((reading, index) => {
      if (!reading || reading.exact !== exact || reading.role === 'title') return;
      if (roles[reading.role] === undefined) roles[reading.role] = index;
      else if (reading.role !== 'ignored') labelled.push(index);
    });
  }
  placeTitle(headers, readings, roles, labelled);
  const unassigned = headers.flatMap((_, index) => (readings[index] || scores.includes(index) ? [] : [index]));
  const fromCells = readCells(headers, cells, roles, [...unassigned, ...labelled]);
  for (const [kind, index] of fromCells) {
    const previous = roleAt(roles, index);
    if (previous) delete roles[previous];
    removeFrom(labelled, index);
    removeFrom(unassigned, index);
    roles[kind] = index;
  }
  if (roles.title === undefined) placeTitle(headers, readings, roles, labelled);
  for (const index of scores) {
    if (roles.severity === undefined) roles.severity = index;
    else labelled.push(index);
  }
  const unknown: string[] = [];
  for (const index of unassigned) {
    const header = headers[index]?.trim() ?? '';
    if (!header && cells.every((row) => isBlank(row[index] ?? ''))) continue;
    labelled.push(index);
    unknown.push(header || `column ${index + 1}`);
  }
  return { roles, labelled: labelled.sort((a, b) => a - b), unknown };
}

/**
 * Roles the cells give: an unknown header, a "Risk" title column of High/Low, an "Impact"
 * column of severities. Several columns of status boxes are a matrix (features by product),
 * not one status column: then none is read as the status.
 */
function readCells(headers: readonly string[], cells: readonly (readonly string[])[], roles: ColumnMap, open: readonly number[]): [CellKind, number][] {
  const candidates = [...open, roles.title, roles.notes].filter((index): index is number => index !== undefined);
  const found: [CellKind, number][] = [];
  for (const index of [...new Set(candidates)].sort((a, b) => a - b)) {
    const kind = kindOfCells(cells.map((row) => row[index] ?? ''));
    if (kind && roles[kind] === undefined && !found.some(([taken]) => taken === kind)) found.push([kind, index]);
  }
  const statusColumns = headers.filter((_, index) => open.includes(index) && kindOfCells(cells.map((row) => row[index] ?? '')) === 'status');
  return statusColumns.length > 1 ? found.filter(([kind]) => kind !== 'status') : found;
}

function roleAt(roles: ColumnMap, index: number): ColumnRole | undefined {
  return (Object.entries(roles) as [ColumnRole, number][]).find(([, column]) => column === index)?.[0];
}

/**
 * The best title column among those whose header names one; the others become notes. Called
 * again when the cells took the title column for another role ("Risk" holding High/Low).
 */
function placeTitle(headers: readonly string[], readings: readonly (HeaderReading | undefined)[], roles: ColumnMap, labelled: number[]): void {
  const isTitleLike = (index: number) => readings[index]?.role === 'title';
  const taken = new Set(Object.entries(roles).flatMap(([role, index]) => (role === 'notes' && isTitleLike(index) ? [] : [index])));
  const candidates = headers.flatMap((_, index) => (isTitleLike(index) && !taken.has(index) ? [index] : []));
  if (candidates.length === 0) return;
  const best = candidates.reduce((a, b) => (titleRank(headers[b]!) > titleRank(headers[a]!) ? b : a));
  roles.title = best;
  if (roles.notes === best) delete roles.notes;
  removeFrom(labelled, best);
  for (const index of candidates) {
    if (index === best || labelled.includes(index) || roles.notes === index) continue;
    if (roles.notes === undefined) roles.notes = index;
    else labelled.push(index);
  }
}

function removeFrom(list: number[], value: number): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
}

/**
 * The column to read as the title when no header names one: the one whose cells say the
 * most, among those no role claimed. Undefined when there is none.
 */
export function guessTitleColumn(headers: readonly string[], columns: TableColumns, cells: readonly (readonly string[])[]): number | undefined {
  const claimed = new Set(Object.entries(columns.roles).flatMap(([role, index]) => (role === 'notes' ? [] : [index])));
  let best: { index: number; length: number } | undefined;
  headers.forEach((_, index) => {
    if (claimed.has(index)) return;
    const said = cells.map((row) => row[index] ?? '').filter((cell) => !isBlank(cell));
    if (said.length === 0) return;
    const length = said.reduce((sum, cell) => sum + cell.length, 0) / said.length;
    if (!best || length > best.length) best = { index, length };
  });
  return best?.index;
}

export type TableKind = 'tracker' | 'theme' | 'accepted-risk';

/**
 * Which kind of table this is, from its columns and the heading it sits under;
 * undefined for tables that are not part of a tracker (costs, triggers, glossaries).
 */
export function tableKind(columns: ColumnMap, headingText: string): TableKind | undefined {
  const titleColumn = columns.title ?? columns.theme;
  if (columns.closes !== undefined && titleColumn !== undefined) return 'theme';
  const underAcceptedHeading = /\baccept|\bwaive|risk register|\bwon'?t fix/i.test(headingText);
  const hasDecisionColumns = columns.decidedBy !== undefined || columns.revisit !== undefined;
  if (columns.title !== undefined && columns.status === undefined && (underAcceptedHeading || hasDecisionColumns)) {
    if (columns.decision !== undefined || hasDecisionColumns) return 'accepted-risk';
  }
  if (columns.title !== undefined && isTrackerShaped(columns)) return 'tracker';
  return undefined;
}

/** A column an item list has and a reference table does not: an id, a status or a severity. */
export function isTrackerShaped(columns: ColumnMap): boolean {
  return columns.id !== undefined || columns.status !== undefined || columns.severity !== undefined;
}

/** Words a title column header uses for roadmap work rather than findings. */
export function titleHeaderMeansTask(header: string): boolean {
  return TASK_TITLE_WORDS.includes(normalizeHeader(header));
}
