/**
 * A status as trackers write it, read into the plan's statuses: boxes and emoji (☑ ✅ ⏳ 🚧 ❌),
 * words from boards (Todo, Doing, Done, WIP, Blocked), from audits (Fixed, Resolved, Risk
 * accepted, Won't fix, False positive, Retest pending) and from control matrices
 * (Implemented, Partially implemented, Not implemented, N/A, Planned). "Won't fix" and its
 * kin are accepted with the acceptance type their words give; "Blocked" is open with a note.
 */
import { parseStatus, type Status } from '../status.js';
import type { AcceptanceType } from './imported.js';

export interface StatusReading {
  status: Status;
  /** For an accepted status: the kind of acceptance its words name. */
  acceptance?: AcceptanceType;
  /** Blocked, waiting or on hold: still open, and the note says so. */
  blocked?: boolean;
  /** What the cell says after the status ("in PR #12", "on the vendor"), separators trimmed. */
  rest: string;
}

type Meaning = Omit<StatusReading, 'rest'>;

const OPEN: Meaning = { status: 'open' };
const IN_PROGRESS: Meaning = { status: 'in-progress' };
const DONE: Meaning = { status: 'done' };
const RISK: Meaning = { status: 'accepted', acceptance: 'risk' };
const NOT_APPLICABLE: Meaning = { status: 'accepted', acceptance: 'not-applicable' };
const FALSE_POSITIVE: Meaning = { status: 'accepted', acceptance: 'false-positive' };
const DEFERRED: Meaning = { status: 'accepted', acceptance: 'deferred' };
const BLOCKED: Meaning = { status: 'open', blocked: true };

const PHRASES: [Meaning, string[]][] = [
  [OPEN, [
    'open', 'reopened', 're-opened', 'todo', 'to do', 'to-do', 'new', 'pending', 'not started', 'planned', 'scheduled',
    'backlog', 'proposed', 'queued', 'triage', 'triaged', 'unresolved', 'outstanding', 'not done', 'not fixed', 'not yet',
    'not implemented', 'not compliant', 'non-compliant', 'noncompliant', 'non compliant', 'not met', 'unmet', 'gap',
    'missing', 'failing', 'failed', 'fail', 'needs work', 'action required', 'acknowledged', 'confirmed', 'ready',
    'not remediated', 'unfixed', 'incomplete', 'not in place', 'absent',
  ]],
  [IN_PROGRESS, [
    'in progress', 'in-progress', 'wip', 'doing', 'started', 'ongoing', 'on-going', 'active', 'underway', 'under way',
    'partial', 'partially', 'partly', 'partially done', 'partially implemented', 'partially compliant', 'partially fixed',
    'partially met', 'partially mitigated', 'in review', 'under review', 'review', 'in testing', 'testing', 'retest',
    'retest pending', 'pending retest', 'pending verification', 'awaiting verification', 'awaiting retest', 'fix in progress',
    'implementing', 'in development', 'in dev', 'pr open', 'pr opened', 'fix pending', 'in flight', 'rolling out',
  ]],
  [DONE, [
    'done', 'fixed', 'closed', 'resolved', 'complete', 'completed', 'mitigated', 'remediated', 'implemented', 'compliant',
    'met', 'verified', 'validated', 'deployed', 'shipped', 'merged', 'released', 'finished', 'pass', 'passed', 'passing',
    'enforced', 'in place', 'applied', 'configured', 'enabled', 'addressed', 'fixed and verified', 'closed fixed',
  ]],
  [RISK, [
    'accepted', 'accepted risk', 'risk accepted', 'risk-accepted', 'accept', 'wontfix', "won't fix", 'wont fix', 'will not fix',
    "won't do", 'wont do', 'will not do', 'not fixing', 'declined', 'exception', 'exception granted', 'waived', 'tolerated',
    'closed accepted', 'closed won\'t fix', 'risk owner accepted',
  ]],
  [NOT_APPLICABLE, [
    'n/a', 'na', 'not applicable', 'not relevant', 'out of scope', 'obsolete', 'superseded', 'cancelled', 'canceled',
    'dropped', 'duplicate', 'irrelevant', 'no longer relevant', 'no longer applicable', 'closed n/a',
  ]],
  [FALSE_POSITIVE, ['false positive', 'false-positive', 'not an issue', 'not a bug', 'not a vulnerability', 'not exploitable', 'invalid', 'not reproducible', 'cannot reproduce']],
  [DEFERRED, ['deferred', 'postponed', 'parked', 'later', 'icebox', 'someday', 'next quarter', 'next release', 'next sprint']],
  [BLOCKED, ['blocked', 'on hold', 'waiting', 'stuck', 'stalled', 'paused', 'awaiting', 'waiting on', 'blocked on', 'blocked by']],
];

/** Longest phrase first, so "not started" wins over "not" and "partially done" over "partially". */
const PHRASE_LIST = PHRASES.flatMap(([meaning, phrases]) => phrases.map((phrase) => [phrase, meaning] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);

const SYMBOLS: Record<string, Meaning> = {
  '✅': DONE, '☑': DONE, '✔': DONE, '✓': DONE, '🟢': DONE, '☒': DONE, '🗹': DONE,
  '☐': OPEN, '□': OPEN, '⬜': OPEN, '❌': OPEN, '✗': OPEN, '✘': OPEN, '✖': OPEN, '🔴': OPEN, '⭕': OPEN, '❎': OPEN, '🆕': OPEN,
  '◐': IN_PROGRESS, '◑': IN_PROGRESS, '🔄': IN_PROGRESS, '🚧': IN_PROGRESS, '⏳': IN_PROGRESS, '⌛': IN_PROGRESS,
  '🟡': IN_PROGRESS, '🟠': IN_PROGRESS, '🔶': IN_PROGRESS, '🏗': IN_PROGRESS, '🔁': IN_PROGRESS,
  '⊘': { status: 'accepted' }, '🚫': RISK, '➖': NOT_APPLICABLE, '⏸': DEFERRED, '💤': DEFERRED, '⛔': BLOCKED, '🛑': BLOCKED,
};

/** Boxes of task-list dialects: [~] and [/] half done, [-] cancelled (accepted; its words say how), [>] moved on, [!] and [?] flagged. */
export const BOXES: Record<string, Meaning> = {
  ' ': OPEN, x: DONE, '~': IN_PROGRESS, '/': IN_PROGRESS, '.': IN_PROGRESS, '-': { status: 'accepted' }, '>': DEFERRED, '!': OPEN, '?': OPEN,
};

/** Emoji variation selectors and the like that follow a symbol. */
const JOINERS = /^[\uFE0E\uFE0F\u200D]+/u;

/**
 * The status a cell, field or box says, or undefined when it says none harden knows:
 * "✅ Done (2026-04-24)", "Won't fix — not applicable to us", "Blocked on the vendor", "[x]".
 */
export function readStatusText(text: string): StatusReading | undefined {
  let rest = text.trim().replace(/[*_`~]/g, '').trim();
  let symbol: Meaning | undefined;
  const box = /^\[([ xX~/\-.>!?])\]/.exec(rest);
  if (box) {
    symbol = BOXES[box[1]!.toLowerCase()];
    rest = rest.slice(box[0].length).trimStart();
  }
  for (let first = [...rest][0]; first && SYMBOLS[first]; first = [...rest][0]) {
    symbol ??= SYMBOLS[first];
    rest = rest.slice(first.length).replace(JOINERS, '').trimStart();
  }
  const worded = leadingPhrase(rest);
  const meaning = worded ? refine(worded, worded.rest) : symbol;
  if (meaning) return { ...meaning, rest: trimSeparators(worded ? worded.rest : rest) };
  const fallback = parseStatus(text);
  return fallback ? { status: fallback, rest: '' } : undefined;
}

function leadingPhrase(text: string): { phrase: string; meaning: Meaning; rest: string } | undefined {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const [phrase, meaning] of PHRASE_LIST) {
    if (!lower.startsWith(phrase)) continue;
    const next = lower.charAt(phrase.length);
    if (next && /[\p{L}\p{N}]/u.test(next)) continue;
    return { phrase, meaning, rest: text.slice(phrase.length) };
  }
  return undefined;
}

/** "Won't fix — not applicable here", "Closed (false positive)": the words after say which acceptance. */
function refine({ phrase, meaning }: { phrase: string; meaning: Meaning }, rest: string): Meaning {
  if (meaning.status !== 'accepted' && !phrase.startsWith('closed')) return meaning;
  const words = rest.toLowerCase().replace(/[’‘]/g, "'");
  if (/false[\s-]positive|not (?:a |an )?(?:issue|bug|vulnerability|exploitable)/.test(words)) return FALSE_POSITIVE;
  if (/\bn\/a\b|not applicable|out of scope|no longer (?:relevant|applicable)|duplicate/.test(words)) return NOT_APPLICABLE;
  if (meaning.acceptance === 'deferred') return meaning;
  if (/\bdefer|postpone|next (?:quarter|release|sprint)/.test(words)) return DEFERRED;
  if (meaning.status !== 'accepted' && /won'?t fix|wontfix|accepted|\brisk\b/.test(words)) return RISK;
  return meaning;
}

function trimSeparators(text: string): string {
  return text.replace(/^[\s:;,.—–-]+|[\s;,—–-]+$/g, '').trim();
}

/** The acceptance a line's words name anywhere: "won't fix, …", "not applicable here", "(false positive)". */
export function acceptanceIn(text: string): AcceptanceType | undefined {
  const words = text.toLowerCase().replace(/[’‘]/g, "'");
  if (/false[\s-]positive|not (?:a |an )?(?:issue|bug|vulnerability|exploitable)/.test(words)) return 'false-positive';
  if (/\bn\/a\b|not applicable|out of scope|no longer (?:relevant|applicable)/.test(words)) return 'not-applicable';
  if (/\bdeferr?ed\b|\bpostponed\b/.test(words)) return 'deferred';
  if (/won'?t fix|wontfix|will not fix|won'?t do|risk accepted|accepted risk|accept the risk/.test(words)) return 'risk';
  return undefined;
}

/** Section headings that give the rows under them a status: "Done", "✅ Fixed in 2.3", "Won't fix", "Accepted risks". */
const HEADING_STATUSES = new Set([
  'open', 'todo', 'to do', 'to-do', 'backlog', 'planned', 'not started', 'outstanding', 'pending', 'unresolved',
  'done', 'fixed', 'resolved', 'closed', 'complete', 'completed', 'finished', 'shipped', 'implemented', 'mitigated', 'remediated',
  'in progress', 'in-progress', 'doing', 'wip',
  "won't fix", 'wont fix', 'wontfix', 'will not fix', 'not fixing', 'accepted', 'accepted risk', 'risk accepted', 'deferred',
  'out of scope', 'not applicable', 'n/a', 'false positive', 'false-positive',
]);

/** What may follow the status in such a heading: "Done (12)", "Open issues", "Accepted risks:". */
const HEADING_TAIL = /^\s*(?:items?|issues?|findings?|risks?|tasks?|tickets?|work)?\s*(?:\([^)]*\))?\s*:?\s*$/i;

/**
 * The status a section heading gives rows that state none. Only a heading that is the status
 * ("Done", "✅ Fixed (4)", "Won't fix", "Accepted risks"): "Testing", "Ongoing: cloud services"
 * or "Fixed costs" give none.
 */
export function statusOfHeading(title: string): StatusReading | undefined {
  const worded = leadingPhrase(title.trim());
  if (!worded || !HEADING_STATUSES.has(worded.phrase) || !HEADING_TAIL.test(worded.rest)) return undefined;
  return { ...refine(worded, worded.rest), rest: '' };
}
