import type { AnyCheck } from '../checks/define.js';

/** One check to run with one set of options. */
export interface CheckInvocation {
  check: AnyCheck;
  options: Record<string, unknown>;
  /** `checkId`, or `checkId#hash` when an item gave parameters. */
  key: string;
}
