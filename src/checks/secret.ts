import type { AnyCheck } from './define.js';
import { rotationOverdue } from './secret/rotation-overdue.js';
import { rotationRecorded } from './secret/rotation-recorded.js';

/** The secret rotation checks: one line per module under src/checks/secret/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [rotationOverdue, rotationRecorded];
