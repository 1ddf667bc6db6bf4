const DAY_MS = 86_400_000;

/** A plan date (YYYY-MM-DD) as the instant 00:00 UTC that day. */
export function parseDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
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

/** `--now` and HARDEN_NOW let tests and reports pin the clock. */
export function currentTime(override?: string): Date {
  const text = override ?? process.env.HARDEN_NOW;
  if (!text) return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date "${text}"`);
  return date;
}
