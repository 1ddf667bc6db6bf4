/** Calendar dates as plans write them (YYYY-MM-DD). */
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

/** The day of an instant, as plans write it (YYYY-MM-DD, UTC). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
