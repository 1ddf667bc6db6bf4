import type { AnyCheck } from './define.js';
import { alerting } from './monitor/alerting.js';

/** The checks of the plan's monitors: one line per module under src/checks/monitor/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [alerting];
