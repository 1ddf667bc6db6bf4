import type { ResultData } from '../checks/define.js';
import type { Severity } from '../severity.js';
import type { Location } from '../targets/location.js';
import type { YamlPath } from '../targets/yaml/source.js';

export type ResultStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** Why a failure does not count: where it was waived and until when. */
export interface Suppression {
  by: 'inline' | 'waiver' | 'baseline';
  reason: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD): the waiver ends at 00:00 UTC that day. */
  expires?: string;
}

/** Another place a failure involves, with what is there. */
export interface RelatedResultLocation {
  location: Location;
  message: string;
}

/** What one check measured on one target. */
export interface Result {
  checkId: string;
  /** The check id, plus `#<hash>` when run with parameters an item set. */
  invocation: string;
  status: ResultStatus;
  severity: Severity;
  messageId?: string;
  message: string;
  location: Location;
  /** Where the plan names the target (live targets): reports point there when the location is no file. */
  declaredAt?: YamlPath;
  /** Identity of the target: path + object, URL, host:port. */
  target: string;
  evidence?: string;
  /** Values the check computed (a grade and score, an expiry date and days left), as structured data. */
  data?: ResultData;
  /** Other places a failure involves (the other side of a cross-file reference); the fingerprint ignores them. */
  related?: RelatedResultLocation[];
  /** Stable id for baselines and SARIF: check id + target identity (+ message), never a line number. */
  fingerprint: string;
  suppression?: Suppression;
  /** Set when a plan waiver covered this failure but expired on that date: it counts again. */
  waiverExpired?: string;
}

/** A failure that counts toward the gate: failed and not suppressed. */
export function isOpenFailure(result: Result): boolean {
  return result.status === 'fail' && !result.suppression;
}
