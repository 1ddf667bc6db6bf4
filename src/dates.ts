const DAY_MS = 86_400_000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A plan date (YYYY-MM-DD, a calendar date: see `dateProblem`) as the instant 00:00 UTC that day. */
export function parseDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

/**
 * Why YYYY-MM-DD names no day of the calendar ("February 2026 has 28 days", "there is no
 * month 13"), or undefined when it does. JavaScript's Date rolls 2026-02-30 over to
 * 2 March silently, so every date harden reads goes through this first.
 */
export function dateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'expected a date as YYYY-MM-DD';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

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
