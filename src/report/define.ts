import type { AnyCheck } from '../checks/define.js';
import type { ScanRun } from '../engine/scan-run.js';
import type { LoadedPlan } from '../plan/load.js';

export interface ReportContext {
  /** Check metadata by id (titles, why, fix, refs). */
  catalog: ReadonlyMap<string, AnyCheck>;
  /** The plan the run used, when there was one (items, themes, positions for live targets). */
  plan?: LoadedPlan;
  /** Show suppressed failures with their reason and expiry. */
  showSuppressed: boolean;
  /** Colour allowed (a TTY and no NO_COLOR). */
  color: boolean;
  /** List everything skipped (files not read, redirects not followed), not only the first lines. */
  verbose?: boolean;
  /** Group terminal output by stage instead of severity. */
  groupBy: 'severity' | 'stage';
  now: Date;
  /**
   * Set by verify: the terminal report leads with the plan items' verdicts and lists the scan's
   * failures only when `scan` is true (--scan).
   */
  verify?: { scan: boolean };
}

/** One output format: a pure function of the run. */
export interface ReportFormat {
  id: string;
  description: string;
  /** Default file extension for --output. */
  extension: string;
  /** The whole report as one string: for small runs and tests. */
  render(run: ScanRun, context: ReportContext): string;
  /** The same text in pieces, in order: what the CLI writes, so a large run is never held as one string. */
  chunks(run: ScanRun, context: ReportContext): Iterable<string>;
}

/** A format defines one of render and chunks; the other follows from it. */
export type FormatDefinition = Omit<ReportFormat, 'render' | 'chunks'> &
  ({ render: ReportFormat['render']; chunks?: never } | { chunks: ReportFormat['chunks']; render?: never });

export function defineFormat(format: FormatDefinition): ReportFormat {
  if (format.chunks) {
    const chunks = format.chunks;
    return { ...format, chunks, render: (run, context) => [...chunks(run, context)].join('') };
  }
  const render = format.render;
  return { ...format, render, chunks: (run, context) => [render(run, context)] };
}
