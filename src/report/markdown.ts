import { displayLines, displayText } from '../display-text.js';
import { isOpenFailure } from '../engine/result.js';
import type { Verdict, VerdictKind } from '../engine/verdicts.js';
import { formatDate, parseDate } from '../plan/dates.js';
import type { Plan, PlanItem, Stage, Theme } from '../plan/schema.js';
import { type Status, STATUS_BOX, STATUSES } from '../plan/status.js';
import { type Severity, worstSeverity } from '../severity.js';
import { formatLocation } from '../targets/location.js';
import { defineFormat } from './define.js';
import { groupItems, summaryParts } from './verdict-groups.js';

/**
 * With a plan: the plan as a Markdown register, measured by the run's verdicts.
 * Without one: the run's failures as a Markdown table.
 */
export const markdownFormat = defineFormat({
  id: 'markdown',
  description: 'the plan as a Markdown register (SECURITY.md style), or a failure table without a plan',
  extension: 'md',
  render(run, context) {
    if (context.plan) {
      const input = { plan: context.plan.plan, now: context.now };
      return renderRegister(run.verdicts ? { ...input, verdicts: run.verdicts } : input);
    }
    const failures = run.findings.filter(isOpenFailure);
    const rows = failures.map((r) => `| ${r.severity} | ${code(r.checkId)} | ${cell(r.message)} | ${code(formatLocation(r.location))} |`);
    return [`# harden scan of ${cell(run.root)}`, '', `${failures.length} failures.`, '', '| Severity | Check | Finding | Where |', '|---|---|---|---|', ...rows, ''].join('\n');
  },
});

/** Text in a table cell (or a heading): on one line, control characters escaped, pipes never splitting it. */
function cell(text: string): string {
  return escapeMarkdown(displayText(text));
}

/** A code span in a table cell: only the pipe needs escaping there (GFM splits cells first). */
function code(text: string): string {
  return `\`${displayText(text).replaceAll('`', "'").replaceAll('|', '\\|')}\``;
}

/**
 * The plan as a SECURITY.md-style register: per-stage tables with the claimed
 * status and what was measured, themes, and accepted risks. `importTracker`
 * reads it back to the same items, so the register can be the tracker.
 */
export interface RegisterInput {
  plan: Plan;
  /** What a scan measured; undefined renders every item as "not measured". */
  verdicts?: Verdict[];
  now: Date;
}

export function renderRegister({ plan, verdicts, now }: RegisterInput): string {
  const verdictOf = verdictLookup(verdicts);
  const blocks = [
    `# ${plan.project ? `${escapeHeading(plan.project)} — security register` : 'Security register'}`,
    `_Rendered by harden from the plan on ${formatDate(now)}. Edit the plan, not this file._`,
    summary(plan.items, verdicts),
    ...stageSections(plan).flatMap((section) => stageBlocks(section, verdictOf, now)),
    ...themeBlocks(plan, verdictOf),
    ...acceptedBlocks(plan.items, now),
  ];
  return `${blocks.join('\n\n')}\n`;
}

type VerdictOf = (item: PlanItem) => Verdict | undefined | 'not measured';

function verdictLookup(verdicts: Verdict[] | undefined): VerdictOf {
  if (!verdicts) return () => 'not measured';
  const byItem = new Map(verdicts.map((verdict) => [verdict.item, verdict]));
  return (item) => byItem.get(item.id);
}

// ── Summary ────────────────────────────────────────────────────────────────

const STATUS_WORDS: Record<Status, string> = { open: 'open', 'in-progress': 'in progress', done: 'done', accepted: 'accepted' };

function summary(items: readonly PlanItem[], verdicts: Verdict[] | undefined): string {
  const byStatus = STATUSES.map((status) => `${countWhere(items, (item) => item.status === status)} ${STATUS_WORDS[status]}`);
  const claimed = `**${plural(items.length, 'item')}:** ${byStatus.join(' · ')}.`;
  if (!verdicts) return `${claimed} **Measured:** not measured (no scan results).`;
  if (verdicts.length === 0) return `${claimed} **Measured:** nothing.`;
  return `${claimed} **Measured:** ${summaryParts(groupItems(verdicts)).map((part) => part.text).join(' · ')}.`;
}

function countWhere<T>(list: readonly T[], test: (value: T) => boolean): number {
  return list.filter(test).length;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// ── Stage tables ───────────────────────────────────────────────────────────

interface StageSection {
  /** undefined for the items no stage claims. */
  id?: string;
  title: string;
  description?: string;
  items: PlanItem[];
}

/** Plan stages in order, then stages items name but the plan does not list, then "Unstaged". */
function stageSections(plan: Plan): StageSection[] {
  const listed = plan.stages.map((stage: Stage) => ({ ...stage, items: [] as PlanItem[] }));
  const sections = new Map<string | undefined, StageSection>(listed.map((section) => [section.id, section]));
  for (const item of plan.items) {
    if (!sections.has(item.stage)) sections.set(item.stage, { id: item.stage, title: item.stage ?? 'Unstaged', items: [] });
    sections.get(item.stage)!.items.push(item);
  }
  const unstaged = sections.get(undefined);
  sections.delete(undefined);
  return [...sections.values(), ...(unstaged ? [unstaged] : [])];
}

const STAGE_COLUMNS = ['Status', 'ID', 'Severity', 'Title', 'In repo', 'Owner', 'Due', 'Measured'];

function stageBlocks(section: StageSection, verdictOf: VerdictOf, now: Date): string[] {
  const blocks = [`## ${escapeHeading(section.title)}`, `<!-- harden:stage${section.id ? ` ${section.id}` : ''} -->`];
  if (section.description) blocks.push(escapeMarkdown(displayLines(section.description)));
  if (section.items.length === 0) return [...blocks, '_No items._'];
  const rows = section.items.map((item) => [
    STATUS_BOX[item.status],
    item.id,
    severityLabel(item.severity),
    item.title,
    item.inRepo === undefined ? '' : item.inRepo ? 'Y' : 'N',
    item.owner ?? '',
    dueLabel(item, now),
    measuredLabel(verdictOf(item)),
  ]);
  return [...blocks, table(STAGE_COLUMNS, rows)];
}

function severityLabel(severity: Severity | undefined): string {
  return severity ? severity.charAt(0).toUpperCase() + severity.slice(1) : '';
}

function dueLabel(item: PlanItem, now: Date): string {
  if (!item.due) return '';
  const open = item.status === 'open' || item.status === 'in-progress';
  return open && parseDate(item.due) < now ? `${item.due} ⚠ overdue` : item.due;
}

const VERDICT_LABELS: Record<VerdictKind, (verdict: Verdict) => string> = {
  // Verified means the claim holds: "done" and passing, or still open and still failing.
  verified: ({ claimed, reason }) => (claimed === 'done' ? '✓ verified' : `✓ confirmed ${STATUS_WORDS[claimed]} — ${reason}`),
  regression: ({ reason }) => `✗ regression — ${reason}`,
  'waiver-expired': ({ reason }) => `✗ waiver expired — ${reason}`,
  'stale-doc': ({ reason }) => `stale-doc — ${reason}`,
  'acceptance-unneeded': ({ reason }) => `acceptance unneeded — ${reason}`,
  overdue: ({ reason }) => `overdue — ${reason}`,
  unverifiable: ({ reason }) => `unverifiable — ${reason}`,
};

function measuredLabel(verdict: Verdict | undefined | 'not measured'): string {
  if (verdict === 'not measured' || verdict === undefined) return 'not measured';
  return VERDICT_LABELS[verdict.verdict](verdict);
}

// ── Themes ─────────────────────────────────────────────────────────────────

function themeBlocks(plan: Plan, verdictOf: VerdictOf): string[] {
  if (plan.themes.length === 0) return [];
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const rows = plan.themes.map((theme: Theme) => {
    const members = theme.closes.map((id) => byId.get(id));
    const known = members.filter((member): member is PlanItem => member !== undefined);
    const verifiedDone = known.filter((item) => item.status === 'done' && isVerified(verdictOf(item)));
    const done = verifiedDone.length === theme.closes.length;
    return [
      theme.id,
      theme.title,
      severityLabel(worstSeverity(known.flatMap((item) => (item.severity ? [item.severity] : [])))),
      theme.closes.join(', '),
      done ? '☑ done' : `☐ ${verifiedDone.length}/${theme.closes.length} verified done`,
    ];
  });
  return ['## Themes', table(['ID', 'Theme', 'Severity', 'Members', 'Done'], rows)];
}

function isVerified(verdict: Verdict | undefined | 'not measured'): boolean {
  return verdict !== undefined && verdict !== 'not measured' && verdict.verdict === 'verified';
}

// ── Accepted risks ─────────────────────────────────────────────────────────

const ACCEPTED_COLUMNS = ['ID', 'Title', 'Severity', 'Acceptance', 'Decided by', 'On', 'Reason', 'Revisit'];

function acceptedBlocks(items: readonly PlanItem[], now: Date): string[] {
  const accepted = items.filter((item) => item.status === 'accepted' || item.acceptance);
  if (accepted.length === 0) return [];
  const rows = accepted.map((item) => [
    item.id,
    item.title,
    severityLabel(item.severity),
    item.acceptance?.type ?? '',
    item.decision?.by ?? '',
    item.decision?.on ?? '',
    item.decision?.reason ?? '',
    revisitLabel(item.decision?.revisit, now),
  ]);
  return ['## Accepted risks', table(ACCEPTED_COLUMNS, rows)];
}

function revisitLabel(revisit: string | undefined, now: Date): string {
  if (!revisit) return '';
  return parseDate(revisit) < now ? `${revisit} ⚠ past — revisit now` : revisit;
}

// ── Markdown text ──────────────────────────────────────────────────────────

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Text in a table cell: whitespace runs (line breaks too) made one space, control characters escaped, pipes escaped. */
function cellText(text: string): string {
  return escapeMarkdown(displayText(text.replace(/\s+/g, ' ').trim()));
}

function escapeHeading(text: string): string {
  return escapeMarkdown(displayText(text.replace(/\s+/g, ' ').trim())).replace(/#$/, '\\#');
}

/**
 * Text that a GFM parser reads back as exactly `text`: markup characters are
 * backslash-escaped, code spans are kept (only their pipes are escaped, which a
 * table cell needs), and `|` never splits a table cell.
 */
export function escapeMarkdown(text: string): string {
  return splitCodeSpans(text)
    .map((part) => (part.code ? part.text.replace(/\|/g, '\\|') : escapePlain(part.text)))
    .join('');
}

function escapePlain(text: string): string {
  return text
    .replace(/[\\`*[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

interface TextPart {
  text: string;
  code: boolean;
}

/** Splits at code spans: a run of backticks up to the next run of the same length. */
function splitCodeSpans(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    const run = /^`+/.exec(text.slice(i))?.[0];
    if (!run) {
      i++;
      continue;
    }
    const close = findClosingRun(text, i + run.length, run.length);
    if (close < 0) {
      i += run.length;
      continue;
    }
    if (i > plainStart) parts.push({ text: text.slice(plainStart, i), code: false });
    parts.push({ text: text.slice(i, close + run.length), code: true });
    i = plainStart = close + run.length;
  }
  if (plainStart < text.length) parts.push({ text: text.slice(plainStart), code: false });
  return parts;
}

function findClosingRun(text: string, from: number, length: number): number {
  for (const match of text.slice(from).matchAll(/`+/g)) if (match[0].length === length) return from + match.index;
  return -1;
}
