import { placeOf } from '../targets/location.js';
import { FailRecord, PassRecord } from './records.js';
import type { Result } from './result.js';
import { compareResults } from './result-order.js';
import { tallyResults, type ResultTally } from './tally.js';

/** What the engine records while it runs: passes and failures kept compact, ready results (errors, input problems). */
export type Recorded = PassRecord | FailRecord | Result;

type Entry = PassRecord | Result;

export const readingKey = (checkId: string, invocation: string, target: string) => `${checkId}\0${invocation}\0${target}`;

/**
 * Every result of a run in its stable order (see compareResults), to be read as a stream: passes
 * stay compact records, each built into a Result only as it is read, and the rest (failures,
 * errors, skipped), few beside them and needed by every report, are held built.
 */
export class ResultLog implements Iterable<Result> {
  private readonly entries: Entry[];
  /** The results that are not passes, in the same order. */
  readonly findings: readonly Result[];

  /**
   * Builds what the records left compact, then orders everything. `readings`: the targets read
   * more than once (a YAML key set twice: see Target.reading), by readingKey.
   */
  constructor(records: Recorded[], readings: ReadonlySet<string>) {
    const entries = records as Entry[];
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      if (record instanceof FailRecord) entries[i] = record.toResult();
    }
    entries.sort(compareResults);
    this.entries = readings.size === 0 ? entries : collapseReadings(entries, readings);
    this.findings = this.entries.filter((entry): entry is Result => !(entry instanceof PassRecord));
  }

  *[Symbol.iterator](): Iterator<Result> {
    for (const entry of this.entries) yield entry instanceof PassRecord ? entry.toResult() : entry;
  }

  /** The results of these invocations only, in order: passes of others are never built. */
  *of(invocations: ReadonlySet<string>): Generator<Result> {
    for (const entry of this.entries) if (invocations.has(entry.invocation)) yield entry instanceof PassRecord ? entry.toResult() : entry;
  }

  /** Counts as they stand now: suppressions applied to the findings since count. */
  tally(): ResultTally {
    return tallyResults(this.entries);
  }
}

/**
 * A target read more than once is one target: each failure once, whichever reading found it,
 * and no pass beside a failure.
 */
function collapseReadings(entries: Entry[], readings: ReadonlySet<string>): Entry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = readingKey(entry.checkId, entry.invocation, entry.target);
    if (!readings.has(key)) return true;
    if (entry.status === 'pass') return false;
    const { location } = entry;
    const failure = `${key}\0${placeOf(location)}\0${location.kind === 'file' ? `${location.line}:${location.column}` : ''}\0${entry.message}`;
    if (seen.has(failure)) return false;
    seen.add(failure);
    return true;
  });
}
