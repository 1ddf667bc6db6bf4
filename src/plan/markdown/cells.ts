/**
 * Readers for the values hand-written trackers put in one cell, heading or list
 * line: ids, dates, severities, yes/no answers, stage names. Each works on one
 * short piece of text, never on the whole document.
 */
import { dateProblem } from '../dates.js';
import { parseSeverity, type Severity } from '../../severity.js';
import { severityWord } from './priority-words.js';

/** What the plan schema accepts as an id. */
const PLAN_ID = /^[\w.:-]+$/;
/** OPS-12, K3S-F4, LIVE-L2, CVE-2024-1234: letters first, a hyphen, a digit somewhere. */
const PREFIXED_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
/** C3, H12, F4b. */
const SHORT_ID = /^[A-Z]{1,4}\d{1,4}[a-z]?$/;

export function isPlanId(text: string): boolean {
  return PLAN_ID.test(text);
}

function isPrefixedId(token: string): boolean {
  return PREFIXED_ID.test(token) && /\d/.test(token);
}

function looksLikeId(token: string): boolean {
  return isPrefixedId(token) || SHORT_ID.test(token);
}

/** A cell that holds one id and nothing else: "OPS-12", "`C3`", "**K3S-F4**", an issue number "#12". */
export function isIdCell(text: string): boolean {
  const token = text.replace(/[`*_[\]]/g, '').trim();
  return looksLikeId(token) || /^#\d+$/.test(token);
}

/**
 * An id written at the start of a line ("OPS-12: Enable HSTS", "[C3] Pin images",
 * "C3 — Pin images") or in brackets at its end ("Pin images (OPS-12)").
 * Short ids like "C3" need a separator, so "S3 bucket versioning" keeps its words.
 */
export function splitIdFromText(text: string): { id: string; rest: string } | undefined {
  const leading = /^\[?([A-Za-z][\w-]*)\]?(\s*[:.)—–-]\s*|\s+)(.*)$/u.exec(text);
  if (leading) {
    const [, token = '', separator = '', rest = ''] = leading;
    const bracketed = text.startsWith('[');
    if (isPrefixedId(token) || (SHORT_ID.test(token) && (bracketed || separator.trim() !== '')))
      return { id: token, rest: rest.trim() };
  }
  const trailing = /^(.*?)\s*[([]([A-Z][\w-]*)[)\]]$/u.exec(text);
  if (trailing && looksLikeId(trailing[2] ?? '')) return { id: trailing[2]!, rest: (trailing[1] ?? '').trim() };
  return undefined;
}

/**
 * Item ids listed in a cell: "K3S-F10, LIVE-L12", "LIVE-L14/L15" (a shared prefix),
 * "`OPS-1` `OPS-2`". Words that are not ids are skipped.
 */
export function idsIn(text: string): string[] {
  const ids: string[] = [];
  for (const group of text.split(/[\s,;+&]+|\band\b/)) {
    const tokens = group.replace(/[`*_[\]()]/g, '').split('/').filter(Boolean);
    const first = tokens[0] ?? '';
    if (!looksLikeId(first) && !(tokens.length === 1 && isLowercaseId(first))) continue;
    ids.push(first);
    const prefix = /^(.*-)[^-]*$/.exec(first)?.[1] ?? '';
    for (const more of tokens.slice(1)) ids.push(isPrefixedId(more) ? more : `${prefix}${more}`);
  }
  return ids.filter(isPlanId);
}

/** "ops-3", "phase-2-1": ids a plan may use (generated ones among them), never a plain word. */
function isLowercaseId(token: string): boolean {
  return /^[A-Za-z][\w.:-]*\d[\w.:-]*$/.test(token) && token.includes('-');
}

/** Every real YYYY-MM-DD date in the text, in order (impossible ones are warned about once, by the importer). */
export function datesIn(text: string): string[] {
  return [...text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)].map((match) => match[0]).filter((date) => dateProblem(date) === undefined);
}

export function firstDate(text: string): string | undefined {
  return datesIn(text)[0];
}


/** A cell that says nothing: empty, a dash, "n/a", "tbd". */
export function isBlank(text: string): boolean {
  return /^(?:|[-—–?]+|n\/?a|tbd|none|unassigned)$/i.test(text.trim());
}

const YES = new Set(['y', 'yes', 'true', 'x', '✓', '✔', '✔️', '✅', '☑']);
const NO = new Set(['n', 'no', 'false', '✗', '✘', '❌', '☐']);

/** "Y" / "No" / "✅" → a boolean; "Y/N", "partly" → undefined. */
export function yesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase().replace(/[*_`]/g, '');
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cutAtWord(slug, 48);
}

function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

/** Emoji, bullets and numbering in front of a heading's words: "🟡 Phase 2" → "Phase 2". */
export function stripLeadingSymbols(text: string): string {
  return text.replace(/^[^\p{L}\p{N}[(`~]+/u, '').trim();
}

/** "1. OpenTelemetry", "2.3 Monitoring" → the words after the number. */
export function stripNumbering(text: string): string {
  return text.replace(/^\d+(?:\.\d+)*[.)]?\s+(?=\S)/, '');
}

const STAGE_WORD = /^(stage|phase|sprint|milestone|step|wave|tier|iteration|release|week|month|quarter)\s*#?\s*(\d+(?:[.-]\d+)?)(?![\d.])/i;

/** "Stage 1 — Before launch" → "stage-1"; other headings → their slug. */
export function stageIdOf(title: string): string {
  const words = stripLeadingSymbols(title);
  const numbered = STAGE_WORD.exec(words);
  if (numbered) return `${numbered[1]!.toLowerCase()}-${numbered[2]!.replace('.', '-')}`;
  return slugify(words) || 'stage';
}

/** A heading that names a stage by itself: "Phase 2", "Sprint 3: Reliability". */
export function isStageWorded(title: string): boolean {
  return STAGE_WORD.test(stripLeadingSymbols(title));
}

const PRIORITY_WORDS: Record<string, Severity> = {
  critical: 'critical', urgent: 'critical', highest: 'high', high: 'high', medium: 'medium', normal: 'medium',
  moderate: 'medium', low: 'low', lower: 'low', lowest: 'low',
};

/**
 * "High priority (do soon)", "Lower priority", "P1", "🔴 Critical", "High — this sprint" → the
 * severity the section gives its items; "High availability" is no priority.
 */
export function priorityOfHeading(title: string): Severity | undefined {
  const words = stripLeadingSymbols(title).toLowerCase();
  const named = /^(\w+)[- ]priority\b/.exec(words) ?? /^priority\s*[:—–-]?\s*(\w+)\b/.exec(words);
  if (named) return PRIORITY_WORDS[named[1]!] ?? parseSeverity(named[1]!);
  const ranked = /^(p[0-3])\b/.exec(words);
  if (ranked) return parseSeverity(ranked[1]!);
  const alone = /^(critical|high|medium|low|blocker|major|minor|urgent|sev[\s-]?[0-4])\s*(?:$|[(:—–]|-\s)/.exec(words);
  return alone ? severityWord(alone[1]!) : undefined;
}
