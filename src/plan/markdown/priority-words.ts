/**
 * Severity and priority as trackers write them: in a column ("HIGH", "🔴 Critical", "P1",
 * "Sev2", "Blocker", "7.5"), or inside a task line ("(high)", "[P1]", "— P1", "priority: high").
 */
import { parseSeverity, type Severity } from '../../severity.js';

/** Words for a severity beyond the plan's own (critical/high/medium/low/info and their short forms). */
const WORDS: Record<string, Severity> = {
  blocker: 'critical', urgent: 'critical', emergency: 'critical', highest: 'critical', showstopper: 'critical',
  major: 'high', important: 'high', serious: 'high', elevated: 'high',
  normal: 'medium', moderate: 'medium', mid: 'medium', average: 'medium',
  minor: 'low', lowest: 'low', trivial: 'low', cosmetic: 'low',
  note: 'info', notice: 'info', informative: 'info', informational: 'info', info: 'info',
};

/** P0–P4, "Sev 1", "SEV-2", "S3": the lower the number, the more urgent (SEV1 and P0 are the worst). */
const RANKED = /^(p|prio|priority|sev|severity|s)[\s-]?([0-5])$/;
const BY_PRIORITY_RANK: Severity[] = ['critical', 'high', 'medium', 'low', 'low', 'info'];
const BY_SEV_RANK: Severity[] = ['critical', 'critical', 'high', 'medium', 'low', 'info'];

/** A cell that names no severity on purpose: "—", "-", "?", "n/a", "tbd". */
export function isSeverityPlaceholder(text: string): boolean {
  return /^(?:[-—–?]+|n\/?a|tbd|tbc|unrated|unknown|not rated|to be rated)$/i.test(text.trim());
}

/** One word or short phrase that is a severity: "crit", "Sev2", "P1", "blocker". */
export function severityWord(text: string): Severity | undefined {
  const word = text.trim().toLowerCase().replace(/[*_`]/g, '');
  if (!word || isSeverityPlaceholder(word)) return undefined;
  const ranked = RANKED.exec(word);
  if (ranked) {
    const rank = Number(ranked[2]);
    return ranked[1]!.startsWith('p') ? BY_PRIORITY_RANK[rank] : BY_SEV_RANK[rank];
  }
  return WORDS[word] ?? parseSeverity(word);
}

/** A CVSS base score written alone ("9.8", "5.3"): the severity band CVSS v3 gives it. */
function cvssBand(text: string): Severity | undefined {
  const match = /^(10(?:\.0)?|\d\.\d)$/.exec(text.trim());
  if (!match) return undefined;
  const score = Number(match[1]);
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'info';
}

/**
 * The severity a severity cell gives: "HIGH", "🔴 Critical", "P1 (high)", "High (CVSS 7.5)",
 * "Sev 2", "9.8". Undefined for a placeholder ("—") or words that are none.
 */
export function severityIn(text: string): Severity | undefined {
  const cleaned = text.trim();
  if (!cleaned || isSeverityPlaceholder(cleaned)) return undefined;
  const whole = severityWord(cleaned) ?? cvssBand(cleaned);
  if (whole) return whole;
  const words = cleaned.split(/[\s()[\]/,:;|—–]+|\s-\s/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? severityWord(`${words[i]} ${words[i + 1]}`) : undefined;
    const severity = pair ?? severityWord(words[i]!);
    if (severity && severity !== 'info') return severity;
  }
  const score = words.map(cvssBand).find(Boolean);
  return score ?? words.map(severityWord).find(Boolean);
}

/** The words a task line uses for its priority, as one alternation. */
const PRIORITY_TOKEN =
  String.raw`(?:p[0-4]|sev[\s-]?[0-5]|critical|crit|high|medium|med|low|blocker|urgent|major|minor|trivial|highest|lowest)`;
const PRIORITY_LABEL = String.raw`(?:priority|prio|severity|sev)`;
const IN_BRACKETS = new RegExp(String.raw`[([]\s*(?:${PRIORITY_LABEL}\s*[:=]?\s*)?(${PRIORITY_TOKEN})(?:\s+${PRIORITY_LABEL})?\s*[)\]]`, 'i');
const LABELLED = new RegExp(String.raw`(?<![\w-])\**${PRIORITY_LABEL}\**\s*[:=]\s*\**(${PRIORITY_TOKEN})\**(?![\w-])`, 'i');
const IN_CODE = new RegExp(String.raw`\`(?:${PRIORITY_LABEL}[:/=\s-]?(${PRIORITY_TOKEN})|(p[0-4]|sev[\s-]?[0-5]))\``, 'i');
const AFTER_DASH = new RegExp(String.raw`\s[—–-]\s*\**(${PRIORITY_TOKEN})(?:\s+(?:priority|prio))?\**(?=$|\s+[—–-]\s|[,;]\s)`, 'i');
const RANK_FIRST = /^\**(P[0-4]|SEV[\s-]?[0-5])\**\s*[:—–-]\s/i;
const PRIORITY_WORDED = new RegExp(String.raw`(?:^|[,;—–-]\s*)(${PRIORITY_TOKEN})[\s-]priority(?:\s*:|$)`, 'i');

/**
 * A priority written in a task line, and the line without it: "pin images (high) — why"
 * → high, "pin images — why"; "rotate keys — P1"; "P0: revoke the leaked token";
 * a code label "priority:high"; "Priority: low"; "…, high priority". A word in running
 * text ("high availability", "a low-risk change", a code span holding only "low") is no priority.
 */
export function priorityInText(text: string): { severity: Severity; rest: string } | undefined {
  for (const pattern of [IN_CODE, IN_BRACKETS, LABELLED, AFTER_DASH, RANK_FIRST, PRIORITY_WORDED]) {
    const match = pattern.exec(text);
    const word = match ? (match[1] ?? match[2] ?? '') : '';
    const severity = severityWord(word.replace(/\s+/g, ''));
    if (!match || !severity) continue;
    return { severity, rest: tidy(`${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`) };
  }
  return undefined;
}

/** Spaces and separators left where a priority was taken out. */
function tidy(text: string): string {
  return text
    .replace(/\s+([,;.)])/g, '$1')
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/(\s[—–-])(\s+[—–-])+/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '')
    .trim();
}
