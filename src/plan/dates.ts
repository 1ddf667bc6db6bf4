import { dateProblem, formatDate, parseDate } from '../calendar-date.js';

export { dateProblem, formatDate, parseDate };

const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to`, rounded up (a deadline later today is 1 day away). */
export function daysBetween(from: Date, to: Date): number {
  return Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
}

/** `--now` and HARDEN_NOW let tests and reports pin the clock: a date, or an ISO date-time. */
export function currentTime(override?: string): Date {
  const text = override ?? process.env.HARDEN_NOW;
  if (!text) return new Date();
  const named = override === undefined ? `HARDEN_NOW=${text}` : text;
  const day = /^\d{4}-\d{2}-\d{2}(?=$|[T ])/.exec(text)?.[0];
  const problem = day === undefined ? undefined : dateProblem(day);
  if (problem) throw new Error(`${named} is not a date: ${problem}`);
  const date = day === text ? parseDate(text) : new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date "${named}" (expected YYYY-MM-DD or an ISO date-time)`);
  return date;
}
