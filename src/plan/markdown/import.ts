/**
 * Reads a hand-written Markdown hardening tracker into plan items, stages and
 * themes. Works on the GFM syntax tree, so code fences, prose and cost tables
 * never turn into items; what it cannot read becomes a warning, never a throw.
 */
import { InputError } from '../../errors.js';
import { tooLarge } from '../../input-file.js';
import { MAX_MARKDOWN_NESTING, MAX_TRACKER_BYTES, MAX_TRACKER_ITEMS } from '../../limits.js';
import type { Severity } from '../../severity.js';
import { isStageWorded, priorityOfHeading, slugify, stageIdOf, stripLeadingSymbols } from './cells.js';
import { isTrackerShaped, tableKind } from './columns.js';
import {
  compact,
  type DraftAcceptance,
  type DraftItem,
  type DraftTheme,
  type ImportedItem,
  type ImportedStage,
  type ImportedTheme,
  type ImportWarning,
  type ReadContext,
  type TrackerImport,
} from './imported.js';
import { warnImpossibleDates } from './impossible-dates.js';
import { InlineMarkupTooHeavy } from './inline-budget.js';
import { tooDeeplyNested } from './nesting.js';
import { isHeadingItem, readHeadingItem, splitSections, type Section } from './sections.js';
import { readAcceptedTable, readThemeTable, readTrackerTable, shapeOf, type TableShape } from './tables.js';
import { hasTasks, readAcceptedList, readTaskList } from './tasks.js';
import { dateOrderOf } from './loose-dates.js';
import { attachReasonsBelow } from './reasons.js';
import { statusOfHeading } from './status-words.js';
import { footnotesOf, inlineText, lineOf, parseMarkdown, type Heading, type List, type Root, type RootContent } from './tree.js';

export type { ImportedItem, ImportedStage, ImportedTheme, ImportWarning, TrackerImport } from './imported.js';

/**
 * Throws an InputError (`file:line: message`) for a tracker harden will not read: over the
 * size or item limit, nested too deep, or with more inline markup than bounded work allows.
 */
export function importTracker(text: string, file: string): TrackerImport {
  const warnings: ImportWarning[] = [];
  const said = new Set<string>();
  const root = parseTracker(text, file);
  const warn = (line: number, message: string, generatedId?: string) => {
    const key = `${line}\0${message}`;
    if (!said.has(key)) warnings.push(generatedId ? { line, message, generatedId } : { line, message });
    said.add(key);
  };
  const context: ReadContext = { file, text, warn, dateOrder: dateOrderOf(text), footnotes: footnotesOf(root) };
  warnImpossibleDates(root.children, context);
  const found = collect(splitSections(root), context);
  const count = found.items.length + found.acceptances.length;
  if (count > MAX_TRACKER_ITEMS)
    throw new InputError([`${file}: ${count.toLocaleString('en-US')} items; harden imports at most ${MAX_TRACKER_ITEMS.toLocaleString('en-US')} from one tracker (split it, and import each part with --merge)`]);
  const result = settle(found, context);
  if (result.items.length === 0)
    context.warn(1, 'no tracker found: no table with id/finding/severity/status columns, no task list, no done or status headings');
  return { ...result, warnings: warnings.sort((a, b) => a.line - b.line) };
}

function parseTracker(text: string, file: string): Root {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_TRACKER_BYTES) throw tooLarge(file, 'tracker', bytes, MAX_TRACKER_BYTES);
  const deep = tooDeeplyNested(text, MAX_MARKDOWN_NESTING);
  if (deep) throw new InputError([`${file}:${deep.line}: lists and block quotes nested more than ${MAX_MARKDOWN_NESTING} deep; harden reads at most ${MAX_MARKDOWN_NESTING} levels`]);
  try {
    return parseMarkdown(text);
  } catch (error) {
    if (error instanceof InlineMarkupTooHeavy) throw new InputError([`${file}:${error.line}: ${error.message}`]);
    throw error;
  }
}

/** A heading the items below it belong to. */
interface Scope {
  depth: number;
  title: string;
  line: number;
  /** A status heading ("Done", "Won't fix") says what its rows are, not a stage they belong to. */
  role: 'document' | 'priority' | 'status' | 'section';
  priority?: Severity;
  /** Set by a `<!-- harden:stage ID -->` comment under the heading; null means "no stage". */
  marker?: string | null;
}

interface FoundItem {
  draft: DraftItem;
  scope?: Scope;
  priority?: Severity;
}

interface Found {
  items: FoundItem[];
  themes: DraftTheme[];
  acceptances: DraftAcceptance[];
  /** Headings directly above tracker tables, task lists and heading items: the stage candidates. */
  trackerScopes: Set<Scope>;
}

// ── Walking the document ────────────────────────────────────────────────────

function collect(sections: Section[], context: ReadContext): Found {
  const found: Found = { items: [], themes: [], acceptances: [], trackerScopes: new Set() };
  const documentTitle = singleTopHeading(sections);
  const stack: Scope[] = [];
  let itemDepth: number | undefined;

  sections.forEach((section, index) => {
    const heading = section.heading;
    if (!heading) return readBlocks(section.body, stack, found, context);
    // A sub-heading of a heading item is part of that item's notes.
    if (itemDepth !== undefined && heading.depth > itemDepth) return;
    itemDepth = undefined;
    while (stack.length > 0 && stack.at(-1)!.depth >= heading.depth) stack.pop();
    const subsections = subsectionsOf(sections, index);
    if (isHeadingItem(section) && !subsections.some(isHeadingItem)) {
      const notesBlocks = [...section.body, ...subsections.flatMap((sub) => [sub.heading!, ...sub.body])];
      const item = readHeadingItem({ heading, body: section.body }, notesBlocks, context);
      addItems(found, [item], governingScope(stack), priorityOf(stack));
      itemDepth = heading.depth;
      return;
    }
    const scope = scopeOf(heading, heading === documentTitle, stageMarkerIn(section.body));
    if (scope.marker !== undefined) found.trackerScopes.add(scope);
    stack.push(scope);
    readBlocks(section.body, stack, found, context);
  });
  return found;
}

/** The sections under the heading at `index`: every deeper heading up to the next one at its level or above. */
function subsectionsOf(sections: Section[], index: number): Section[] {
  const depth = sections[index]!.heading!.depth;
  const after = sections.slice(index + 1);
  const end = after.findIndex((next) => !next.heading || next.heading.depth <= depth);
  return end < 0 ? after : after.slice(0, end);
}

/** The document's title: a lone level-1 heading that comes first. */
function singleTopHeading(sections: Section[]): Heading | undefined {
  const headings = sections.flatMap((s) => (s.heading ? [s.heading] : []));
  const topLevel = headings.filter((h) => h.depth === 1);
  return topLevel.length === 1 && headings[0] === topLevel[0] ? topLevel[0] : undefined;
}

/** A heading's role; one a `harden:stage` comment follows is a stage whatever its words. */
function scopeOf(heading: Heading, isDocumentTitle: boolean, marker: string | null | undefined): Scope {
  const title = stripLeadingSymbols(inlineText(heading.children));
  const line = lineOf(heading);
  if (marker !== undefined) return { depth: heading.depth, title, line, role: 'section', marker };
  const priority = priorityOfHeading(title);
  const role = isDocumentTitle ? 'document' : priority ? 'priority' : statusOfHeading(title) ? 'status' : 'section';
  return compact<Scope>({ depth: heading.depth, title, line, role, priority });
}

const STAGE_MARKER = /^<!--\s*harden:stage(?:\s+([\w.:-]+))?\s*-->$/;

/** `<!-- harden:stage ID -->` (the register writes it under each stage heading); null for "no stage". */
function stageMarkerIn(blocks: readonly RootContent[]): string | null | undefined {
  for (const block of blocks) {
    const marker = block.type === 'html' ? STAGE_MARKER.exec(block.value.trim()) : null;
    if (marker) return marker[1] ?? null;
  }
  return undefined;
}

function governingScope(stack: readonly Scope[]): Scope | undefined {
  return [...stack].reverse().find((scope) => scope.role === 'section');
}

function priorityOf(stack: readonly Scope[]): Severity | undefined {
  return [...stack].reverse().find((scope) => scope.priority !== undefined)?.priority;
}

function readBlocks(blocks: readonly RootContent[], stack: Scope[], found: Found, context: ReadContext): void {
  const scope = governingScope(stack);
  const nearestTitle = stack.at(-1)?.title ?? '';
  const sectionStatus = statusOfHeading(nearestTitle);
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'table') {
      const place = { scope, nearestTitle, priority: priorityOf(stack), below: blocks.slice(index + 1) };
      readTable(shapeOf(block), lineOf(block), place, found, context);
    } else if (block.type === 'list' && hasTasks(block)) {
      addItems(found, readTaskList(block, context), scope, priorityOf(stack));
    } else if (block.type === 'list' && /\baccept|won'?t fix|wontfix|not fixing/i.test(nearestTitle) && (!sectionStatus || startsBold(block))) {
      found.items.push(...readAcceptedList(block, context).map((draft) => ({ draft, scope })));
    } else if (block.type === 'list' && sectionStatus) {
      addItems(found, readTaskList(block, context, sectionStatus), scope, priorityOf(stack));
    } else if (block.type === 'blockquote') {
      readBlocks(block.children, stack, found, context);
    }
  }
}

/** "- **No canary deploys**: …" entries, each starting with a bold label. */
function startsBold(list: List): boolean {
  return list.children.every((entry) => {
    const first = entry.children[0];
    return first?.type === 'paragraph' && first.children[0]?.type === 'strong';
  });
}

function addItems(found: Found, drafts: DraftItem[], scope: Scope | undefined, priority: Severity | undefined): void {
  if (scope) found.trackerScopes.add(scope);
  found.items.push(...drafts.map((draft) => ({ draft, scope, priority })));
}

interface TablePlace {
  scope?: Scope;
  nearestTitle: string;
  priority?: Severity;
  /** The blocks after the table in its section: where a won't-fix row's reason may be written. */
  below: readonly RootContent[];
}

function readTable(shape: TableShape, line: number, place: TablePlace, found: Found, context: ReadContext): void {
  const kind = tableKind(shape.columns, place.nearestTitle);
  const named = `table "${shape.headers.join(' | ')}"`;
  if (kind === undefined) {
    const why = shape.columns.title === undefined && isTrackerShaped(shape.columns)
      ? 'has no finding/title/task column, and no status column or ids to say its rows are items'
      : 'has no id, status or severity column';
    if (shape.rows.length > 0) context.warn(line, `${named} ${why}: not read as a tracker; its ${shape.rows.length === 1 ? 'row is' : `${shape.rows.length} rows are`} skipped`);
    return;
  }
  if (shape.guessedTitle !== undefined)
    context.warn(line, `${named} has no finding/title/task column; "${shape.guessedTitle}" is read as the title`);
  if (shape.unknown.length > 0) {
    const columns = shape.unknown.map((header) => `"${header}"`).join(', ');
    context.warn(line, `${shape.unknown.length === 1 ? 'column' : 'columns'} ${columns} of ${named} ${shape.unknown.length === 1 ? 'is' : 'are'} kept in each item's notes (harden has no field for ${shape.unknown.length === 1 ? 'it' : 'them'})`);
  }
  if (kind === 'tracker') {
    const items = readTrackerTable(shape, context, statusOfHeading(place.nearestTitle));
    attachReasonsBelow(items, place.below, context);
    addItems(found, items, place.scope, place.priority);
  } else if (kind === 'theme') found.themes.push(...readThemeTable(shape, context));
  else {
    const deferredOnly = /defer/i.test(place.nearestTitle) && !/accept/i.test(place.nearestTitle);
    found.acceptances.push(...readAcceptedTable(shape, deferredOnly ? 'deferred' : 'risk', context));
  }
}

// ── Settling stages, ids, accepted risks and themes ─────────────────────────

function settle(found: Found, context: ReadContext): Omit<TrackerImport, 'warnings'> {
  const stageOf = stageDecider(found.trackerScopes);
  const drafts = [...found.items, ...acceptedAsNewItems(found, context)].sort((a, b) => a.draft.source.line - b.draft.source.line);
  const placed = drafts.map(({ draft, scope, priority }) => ({
    draft: compact({ ...draft, severity: draft.severity ?? priority }),
    stage: draft.stageTitle ? stageIdOf(draft.stageTitle) : scope ? stageOf(scope) : undefined,
  }));
  mergeAcceptances(placed, found.acceptances, context);
  const items = assignIds(placed, context);
  return {
    stages: stagesOf(found.trackerScopes, stageOf, placed),
    items,
    themes: settleThemes(found.themes, new Set(items.map((item) => item.id)), context),
  };
}

/**
 * Which headings are stages: those a marker names, those that read as a stage
 * ("Phase 2", "Sprint 1: CI"), and sibling headings that each hold tracker
 * content (two or more at one level: "Before launch", "After launch").
 */
function stageDecider(scopes: ReadonlySet<Scope>): (scope: Scope) => string | undefined {
  const perDepth = new Map<number, number>();
  for (const scope of scopes) if (scope.marker === undefined) perDepth.set(scope.depth, (perDepth.get(scope.depth) ?? 0) + 1);
  return (scope) => {
    if (scope.marker !== undefined) return scope.marker ?? undefined;
    if (!scopes.has(scope)) return isStageWorded(scope.title) ? stageIdOf(scope.title) : undefined;
    if (isStageWorded(scope.title) || (perDepth.get(scope.depth) ?? 0) >= 2) return stageIdOf(scope.title);
    return undefined;
  };
}

function stagesOf(
  scopes: ReadonlySet<Scope>,
  stageOf: (scope: Scope) => string | undefined,
  placed: readonly { draft: DraftItem; stage?: string }[],
): ImportedStage[] {
  const named: { line: number; id: string; title: string }[] = [];
  for (const scope of scopes) {
    const id = stageOf(scope);
    if (id) named.push({ line: scope.line, id, title: scope.title });
  }
  for (const { draft, stage } of placed) if (stage && draft.stageTitle) named.push({ line: draft.source.line, id: stage, title: draft.stageTitle });
  const stages = new Map<string, ImportedStage>();
  for (const { id, title } of named.sort((a, b) => a.line - b.line)) if (!stages.has(id)) stages.set(id, { id, title });
  return [...stages.values()];
}

/** Explicit ids stay (a repeated one is renamed); items without one get `<stage or kind>-<n>`. */
function assignIds(placed: readonly { draft: DraftItem; stage?: string }[], context: ReadContext): ImportedItem[] {
  const taken = new Map<string, number>();
  const withIds = placed.map(({ draft, stage }) => {
    if (!draft.id) return { draft, stage, id: undefined };
    const id = taken.has(draft.id) ? renameDuplicate(draft, stage, taken, context) : draft.id;
    taken.set(id, draft.source.line);
    return { draft, stage, id };
  });
  const positions = new Map<string, number>();
  return withIds.map(({ draft, stage, id }) => {
    const prefix = stage ?? draft.kind;
    const position = (positions.get(prefix) ?? 0) + 1;
    positions.set(prefix, position);
    const finalId = id ?? generateId(prefix, position, draft, taken, context);
    return toItem(draft, finalId, stage);
  });
}

function renameDuplicate(draft: DraftItem, stage: string | undefined, taken: Map<string, number>, context: ReadContext): string {
  const id = draft.id!;
  let renamed = stage ? `${stage}-${id}` : `${id}-2`;
  for (let n = 2; taken.has(renamed); n++) renamed = `${id}-${n}`;
  context.warn(draft.source.line, `duplicate id "${id}" (first at line ${taken.get(id)}); renamed to "${renamed}"`);
  return renamed;
}

function generateId(prefix: string, position: number, draft: DraftItem, taken: Map<string, number>, context: ReadContext): string {
  let n = position;
  while (taken.has(`${prefix}-${n}`)) n++;
  const id = `${prefix}-${n}`;
  taken.set(id, draft.source.line);
  context.warn(draft.source.line, `no id for "${draft.title}"; generated "${id}"`, id);
  return id;
}

/** The item with its keys in the order a plan file lists them. */
function toItem(draft: DraftItem, id: string, stage: string | undefined): ImportedItem {
  return compact<ImportedItem>({
    id,
    kind: draft.kind,
    title: draft.title,
    severity: draft.severity,
    stage,
    inRepo: draft.inRepo,
    status: draft.status,
    acceptance: draft.acceptance,
    decision: draft.decision,
    owner: draft.owner,
    effort: draft.effort,
    found: draft.found,
    due: draft.due,
    refs: draft.refs,
    tags: draft.tags,
    notes: draft.notes,
    source: draft.source,
  });
}

/** Accepted-risk rows that name no tracked item become items of their own. */
function acceptedAsNewItems(found: Found, context: ReadContext): FoundItem[] {
  const known = new Set(found.items.flatMap(({ draft }) => (draft.id ? [draft.id] : [])));
  return found.acceptances.flatMap((row) => {
    const unknownIds = row.ids.filter((id) => !known.has(id));
    if (row.ids.length > 0 && unknownIds.length === 0) return [];
    if (!row.title) {
      context.warn(row.line, `accepted risk ${unknownIds.join(', ')} is not in the tracker and has no title; skipped`);
      return [];
    }
    const ids: (string | undefined)[] = row.ids.length === 0 ? [undefined] : unknownIds;
    return ids.map((id) => ({ draft: acceptedItem(row, id, context) }));
  });
}

function acceptedItem(row: DraftAcceptance, id: string | undefined, context: ReadContext): DraftItem {
  return compact<DraftItem>({
    id,
    kind: 'finding',
    title: row.title!,
    severity: row.severity,
    status: 'accepted',
    acceptance: { type: row.type },
    decision: row.decision,
    notes: row.notes,
    source: { file: context.file, line: row.line },
  });
}

/** An accepted-risk row naming tracked items adds its decision to them (the first with each id). */
function mergeAcceptances(placed: readonly { draft: DraftItem }[], rows: readonly DraftAcceptance[], context: ReadContext): void {
  const byId = new Map<string, DraftItem>();
  for (const { draft } of placed) if (draft.id && !byId.has(draft.id)) byId.set(draft.id, draft);
  for (const row of rows) {
    for (const id of row.ids) {
      const item = byId.get(id);
      if (!item || item.source.line === row.line) continue;
      if (row.saysSomething) {
        item.acceptance = { type: row.type };
        item.decision = { ...row.decision };
      }
      if (row.notes) item.notes = [item.notes, row.notes].filter(Boolean).join(' ');
      if (item.status === 'open') item.status = 'accepted';
      else if (item.status !== 'accepted')
        context.warn(row.line, `${id} is listed as an accepted risk but its status is ${item.status}; status kept`);
    }
  }
}

function settleThemes(drafts: readonly DraftTheme[], itemIds: ReadonlySet<string>, context: ReadContext): ImportedTheme[] {
  const used = new Set<string>();
  return drafts.flatMap((draft) => {
    const unknown = draft.closes.filter((id) => !itemIds.has(id));
    if (unknown.length > 0)
      context.warn(draft.line, `theme "${draft.title}" closes ${unknown.join(', ')}, not in the tracker; left out of the theme`);
    const closes = [...new Set(draft.closes.filter((id) => itemIds.has(id)))];
    if (closes.length === 0) return [];
    const base = draft.id ?? (slugify(draft.title) || 'theme');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return [compact<ImportedTheme>({ id, title: draft.title, closes, description: draft.description })];
  });
}
