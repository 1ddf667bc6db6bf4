export const STATUSES = ['open', 'in-progress', 'done', 'accepted'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_BOX: Record<Status, string> = { open: '☐', 'in-progress': '◐', done: '☑', accepted: '⊘' };

const WORDS: Record<string, Status> = {
  '☐': 'open', '□': 'open', '[ ]': 'open', open: 'open', todo: 'open', new: 'open', pending: 'open', 'not started': 'open',
  '◐': 'in-progress', '◑': 'in-progress', '🔄': 'in-progress', '🚧': 'in-progress', 'in-progress': 'in-progress', 'in progress': 'in-progress',
  wip: 'in-progress', doing: 'in-progress', started: 'in-progress', partial: 'in-progress', partially: 'in-progress',
  '☑': 'done', '✅': 'done', '✓': 'done', '✔': 'done', '✔️': 'done', '[x]': 'done', done: 'done', fixed: 'done', closed: 'done',
  resolved: 'done', complete: 'done', completed: 'done', mitigated: 'done', remediated: 'done', implemented: 'done',
  '⊘': 'accepted', accepted: 'accepted', 'accepted risk': 'accepted', 'risk accepted': 'accepted', wontfix: 'accepted',
  "won't fix": 'accepted', 'false positive': 'accepted', 'n/a': 'accepted', 'not applicable': 'accepted', deferred: 'accepted',
};

/**
 * Reads a status written by hand: a box symbol or a word, possibly with more text
 * after it ("☑ DONE (2026-04-24)", "◐ partial — see PR").
 */
export function parseStatus(text: string): Status | undefined {
  const cleaned = text.trim().toLowerCase().replace(/[*_`~]/g, '').trim();
  if (cleaned in WORDS) return WORDS[cleaned];
  for (const [word, status] of Object.entries(WORDS).sort((a, b) => b[0].length - a[0].length)) {
    if (cleaned.startsWith(word) && !/[\p{L}]/u.test(cleaned.charAt(word.length) || ' ')) return status;
  }
  const firstSymbol = [...cleaned].find((ch) => ch in WORDS);
  return firstSymbol ? WORDS[firstSymbol] : undefined;
}
