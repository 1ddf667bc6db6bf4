/**
 * Where a date written on an item goes. The plan has no "done on" field: a done item keeps
 * its date in its notes ("Done 2026-04-24."); an accepted item's date is its decision's
 * (decision.on); an open or in-progress item's date is when it was found (found:). A word
 * before the date says otherwise: "(due Apr 30, 2026)", "(found 2026-03-02)".
 */
import type { Status } from '../status.js';

export interface DateFields {
  found?: string;
  due?: string;
  decidedOn?: string;
  /** "Done 2026-04-24." for the notes. */
  note?: string;
}

const SAYS_DONE = /^(?:done|fixed|closed|completed?|resolved|merged|shipped|deployed|finished|mitigated|remediated)$/i;
const SAYS_FOUND = /^(?:found|reported|opened|raised|since|discovered|identified|logged|created|added)$/i;
const SAYS_DUE = /^(?:due|by|deadline|target|eta|until)$/i;
const SAYS_DECIDED = /^(?:accepted|decided|approved|waived|signed off|deferred)$/i;

export function dateFields(status: Status, date: string, word?: string): DateFields {
  const said = word?.trim() ?? '';
  if (SAYS_DUE.test(said)) return { due: date };
  if (SAYS_FOUND.test(said)) return { found: date };
  if (SAYS_DECIDED.test(said)) return { decidedOn: date };
  if (SAYS_DONE.test(said) || status === 'done') return { note: `Done ${date}.` };
  if (status === 'accepted') return { decidedOn: date };
  return { found: date };
}
