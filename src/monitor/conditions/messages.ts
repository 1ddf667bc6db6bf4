/** How found values and unexpected input are quoted in failures and parse errors. */

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${truncate(value, 80)}'`;
  return truncate(JSON.stringify(value) ?? String(value), 80);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** The first word of what is left, for "found ..." errors. */
export function word(rest: string): string {
  return truncate(rest.split(/\s/)[0] || rest, 30);
}
