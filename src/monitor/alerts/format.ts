import type { AlertEvent } from '../model.js';

/** incident.opened and trigger.fired start something; the *.resolved kinds end it. */
export function isOpening(event: AlertEvent): boolean {
  return event.kind === 'incident.opened' || event.kind === 'trigger.fired';
}

export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** At most `max` characters, ending in "…" when cut (receivers reject over-long fields). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The plain-text lines every channel shows under the title. */
export function detailLines(event: AlertEvent): string[] {
  return [`Reason: ${event.reason}`, `Target: ${event.target}`, `Time:   ${isoTime(event.at)}`];
}
