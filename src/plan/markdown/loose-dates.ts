/**
 * Dates as people write them in trackers: 2026-04-24, 2026/04/24, Apr 24, 2026, 24 April 2026,
 * 24/04/2026, 04/24/2026, 24.04.2026, and Jira's 24/Apr/26. Each is read as YYYY-MM-DD. Whether 04/05/2026 is the
 * 4th of May or the 5th of April is decided once per document, by its unambiguous dates
 * (24/04/2026 says days come first); a date still ambiguous is left out with a warning.
 */
import { dateProblem } from '../dates.js';
import type { DateOrder, ReadContext } from './imported.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;

const ISO = /(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/g;
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+${YEAR}\b`, 'gi');
const DAY_MONTH_YEAR = new RegExp(String.raw`\b${DAY}[\s/-]+${MONTH}[\s,/-]+${YEAR}\b`, 'gi');
/** Jira's 12/Feb/26. */
const DAY_MONTH_SHORT_YEAR = new RegExp(String.raw`\b(\d{1,2})([/-])${MONTH}\2(\d{2})\b`, 'gi');
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)/g;

export interface FoundDate {
  /** YYYY-MM-DD, a day of the calendar. */
  date: string;
  index: number;
  length: number;
}

export interface DateProblem {
  text: string;
  message: string;
}

/** The dates in a piece of text, in order, and the ones that name no single day. */
export function findDates(text: string, order: DateOrder | undefined): { dates: FoundDate[]; problems: DateProblem[] } {
  const dates: FoundDate[] = [];
  const problems: DateProblem[] = [];
  const add = (match: RegExpExecArray, year: string, month: number, day: string, loose: boolean) => {
    const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
    const problem = dateProblem(iso);
    // Impossible YYYY-MM-DD dates are warned about once for the whole document (impossible-dates.ts).
    if (problem && loose) problems.push({ text: match[0], message: `${match[0]} is not a date (${problem}); left out` });
    if (!problem) dates.push({ date: iso, index: match.index, length: match[0].length });
  };
  for (const match of text.matchAll(ISO)) add(match, match[1]!, Number(match[3]), match[4]!, match[2] !== '-');
  for (const match of text.matchAll(MONTH_DAY_YEAR)) add(match, match[3]!, monthOf(match[1]!), match[2]!, true);
  for (const match of text.matchAll(DAY_MONTH_YEAR)) add(match, match[3]!, monthOf(match[2]!), match[1]!, true);
  for (const match of text.matchAll(DAY_MONTH_SHORT_YEAR)) add(match, `20${match[4]}`, monthOf(match[3]!), match[1]!, true);
  for (const match of text.matchAll(NUMERIC)) {
    const [first, second] = [Number(match[1]), Number(match[3])];
    const dayFirst = first > 12 || (second <= 12 && (first === second || order === 'day-first'));
    const monthFirst = !dayFirst && (second > 12 || order === 'month-first');
    if (dayFirst) add(match, match[4]!, second, match[1]!, true);
    else if (monthFirst) add(match, match[4]!, first, match[3]!, true);
    else
      problems.push({
        text: match[0],
        message: `${match[0]} could be day/month or month/day and no other date in the tracker says which; left out (write ${match[4]}-MM-DD)`,
      });
  }
  return { dates: dates.sort((a, b) => a.index - b.index), problems };
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * How the document writes numeric dates: day first when one of them has a first number
 * above 12 (24/04/2026), month first when a second number is (04/24/2026); undefined
 * when it never says, or says both.
 */
export function dateOrderOf(text: string): DateOrder | undefined {
  let dayFirst = false;
  let monthFirst = false;
  for (const match of text.matchAll(NUMERIC)) {
    if (Number(match[1]) > 12 && Number(match[3]) <= 12) dayFirst = true;
    if (Number(match[3]) > 12 && Number(match[1]) <= 12) monthFirst = true;
  }
  if (dayFirst === monthFirst) return undefined;
  return dayFirst ? 'day-first' : 'month-first';
}

/** The dates in text read at `line`; one that names no single day is a warning there. */
export function readDates(text: string, context: ReadContext, line: number): FoundDate[] {
  const { dates, problems } = findDates(text, context.dateOrder);
  for (const problem of problems) context.warn(line, problem.message);
  return dates;
}

export function readDate(text: string, context: ReadContext, line: number): string | undefined {
  return readDates(text, context, line)[0]?.date;
}

/** The text with its dates taken out (no warnings: the text was read for them already). */
export function withoutDates(text: string, context: ReadContext): string {
  const { dates } = findDates(text, context.dateOrder);
  let rest = text;
  for (const found of [...dates].reverse()) rest = `${rest.slice(0, found.index)}${rest.slice(found.index + found.length)}`;
  return rest.replace(/\(\s*\)/g, '').replace(/\s{2,}/g, ' ').trim();
}

/** "(2026-04-24)", "(Apr 24, 2026)", "(done 24/04/2026)": a date in brackets, and the word before it. */
export function bracketedDateIn(text: string, context: ReadContext, line: number): { date: string; word?: string; index: number; length: number } | undefined {
  for (const found of readDates(text, context, line)) {
    const before = /\s*\(\s*([A-Za-z]+(?: off)?)?[\s:]*$/.exec(text.slice(0, found.index));
    const after = /^\s*\)/.exec(text.slice(found.index + found.length));
    if (!before || !after) continue;
    return { date: found.date, word: before[1], index: before.index, length: found.index + found.length + after[0].length - before.index };
  }
  return undefined;
}
