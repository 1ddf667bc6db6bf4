/** What importing a Markdown tracker produces, and the drafts the readers hand back. */
import type { Severity } from '../../severity.js';
import type { Status } from '../status.js';

export interface SourceLine {
  file: string;
  line: number;
}

export type AcceptanceType = 'risk' | 'false-positive' | 'not-applicable' | 'deferred';

export interface ImportedDecision {
  treatment?: 'mitigate' | 'accept' | 'transfer' | 'avoid' | 'defer';
  by?: string;
  on?: string;
  reason?: string;
  revisit?: string;
}

/** An item in the input shape of the plan's `itemSchema`. */
export interface ImportedItem {
  id: string;
  kind: 'finding' | 'task';
  title: string;
  severity?: Severity;
  stage?: string;
  inRepo?: boolean;
  status: Status;
  acceptance?: { type: AcceptanceType };
  decision?: ImportedDecision;
  owner?: string;
  effort?: string;
  found?: string;
  due?: string;
  refs?: string[];
  tags?: string[];
  notes?: string;
  source: SourceLine;
}

export interface ImportedStage {
  id: string;
  title: string;
}

export interface ImportedTheme {
  id: string;
  title: string;
  closes: string[];
  description?: string;
}

export interface ImportWarning {
  line: number;
  message: string;
  /** A generated id: routine in trackers without ids, so the CLI counts these rather than listing each. */
  generatedId?: string;
}

export interface TrackerImport {
  stages: ImportedStage[];
  items: ImportedItem[];
  themes: ImportedTheme[];
  warnings: ImportWarning[];
}

/** An item as a reader found it: the id may be missing, the stage is settled later. */
export type DraftItem = Omit<ImportedItem, 'id' | 'stage'> & {
  id?: string;
  /** A stage named on the item itself (a "Stage" column), as its title. */
  stageTitle?: string;
};

export interface DraftTheme {
  id?: string;
  title: string;
  closes: string[];
  description?: string;
  line: number;
}

/** A row of an accepted-risk table: merged into the items it names, or a new item. */
export interface DraftAcceptance {
  ids: string[];
  title?: string;
  severity?: Severity;
  type: AcceptanceType;
  decision: ImportedDecision;
  /** False for a row that only lists an item (no type, reason, decider or dates). */
  saysSomething: boolean;
  notes?: string;
  line: number;
}

/** How a tracker writes numeric dates: 24/04/2026 is day first, 04/24/2026 month first. */
export type DateOrder = 'day-first' | 'month-first';

/** What every reader needs: the document text (for source slices) and a place to warn. */
export interface ReadContext {
  file: string;
  text: string;
  /** How the tracker writes numeric dates (24/04/2026), when its dates say. */
  dateOrder?: DateOrder;
  /** Footnote texts by label, lower-cased. */
  footnotes: ReadonlyMap<string, string>;
  warn(line: number, message: string, generatedId?: string): void;
}

/** Drops keys whose value is undefined, so the plan file lists only what the tracker said. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
