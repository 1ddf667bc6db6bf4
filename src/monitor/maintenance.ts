import { Cron } from 'croner';
import type { Maintenance } from './schema.js';

interface Span {
  start: number;
  end: number;
}

/** One planned window, recurring (cron + duration) or one-off (start, end). */
class Window {
  private readonly cron: Cron | undefined;
  /** The span last found around a queried time, and until when that answer holds. */
  private cached: { span: Span | undefined; validFrom: number; validUntil: number } | undefined;

  constructor(readonly definition: Maintenance) {
    this.cron = 'cron' in definition ? new Cron(definition.cron, { paused: true, timezone: definition.timezone ?? 'UTC' }) : undefined;
  }

  spanAt(at: number): Span | undefined {
    if (this.cached && at >= this.cached.validFrom && at < this.cached.validUntil) return this.cached.span;
    const definition = this.definition;
    if (!('cron' in definition)) {
      const span = { start: Date.parse(definition.start), end: Date.parse(definition.end) };
      return at >= span.start && at < span.end ? span : undefined;
    }
    // The latest start at or before `at` (croner's previous run is strictly before its reference).
    const start = this.cron!.previousRuns(1, new Date(at + 1))[0]?.getTime();
    const nextStart = this.cron!.nextRun(new Date(at))?.getTime() ?? Infinity;
    if (start !== undefined && at < start + definition.duration) {
      const span = { start, end: start + definition.duration };
      this.cached = { span, validFrom: start, validUntil: Math.min(span.end, nextStart) };
      return span;
    }
    this.cached = { span: undefined, validFrom: at, validUntil: nextStart };
    return undefined;
  }
}

/** Which monitors are in a maintenance window at a given time. Cheap to ask per sample. */
export class MaintenanceCalendar {
  private readonly byMonitor = new Map<string, Window[]>();

  constructor(windows: readonly Maintenance[]) {
    for (const definition of windows) {
      const window = new Window(definition);
      for (const monitor of definition.monitors) this.byMonitor.set(monitor, [...(this.byMonitor.get(monitor) ?? []), window]);
    }
  }

  /** The window the monitor is in at `at`, if any. */
  windowAt(monitor: string, at: number): (Span & { reason: string | undefined }) | undefined {
    for (const window of this.byMonitor.get(monitor) ?? []) {
      const span = window.spanAt(at);
      if (span) return { ...span, reason: window.definition.reason };
    }
    return undefined;
  }

  active(monitor: string, at: number): boolean {
    return this.windowAt(monitor, at) !== undefined;
  }
}

/** A cron expression (or time zone) croner cannot use: its message, for the plan's load errors. */
export function cronProblem(expression: string, timezone?: string): string | undefined {
  try {
    // croner reads a time zone only when it computes a run: compute one, so a misspelt zone fails here.
    new Cron(expression, { paused: true, ...(timezone ? { timezone } : {}) }).nextRun();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A planned window as a status page announces it. */
export interface AnnouncedWindow {
  monitors: string[];
  start: number;
  end: number;
  reason: string | undefined;
}

/** The windows under way at `from` or starting before `until`, soonest first (a recurring one up to `perWindow` times). */
export function windowsAhead(windows: readonly Maintenance[], from: number, until: number, perWindow = 3): AnnouncedWindow[] {
  const found: AnnouncedWindow[] = [];
  for (const definition of windows) {
    const announce = (start: number, end: number) => found.push({ monitors: [...definition.monitors], start, end, reason: definition.reason });
    if (!('cron' in definition)) {
      const start = Date.parse(definition.start);
      const end = Date.parse(definition.end);
      if (end > from && start < until) announce(start, end);
      continue;
    }
    const cron = new Cron(definition.cron, { paused: true, timezone: definition.timezone ?? 'UTC' });
    const current = cron.previousRuns(1, new Date(from + 1))[0]?.getTime();
    if (current !== undefined && current + definition.duration > from) announce(current, current + definition.duration);
    for (const next of cron.nextRuns(perWindow, new Date(from))) {
      if (next.getTime() >= until) break;
      announce(next.getTime(), next.getTime() + definition.duration);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
