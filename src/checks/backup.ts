import { backupFresh } from './backup/fresh.js';
import { backupRestoreDrill } from './backup/restore-drill.js';
import { backupRetention } from './backup/retention.js';
import { backupSizeStable } from './backup/size-stable.js';
import type { AnyCheck } from './define.js';

/** The backup checks: one line per module under src/checks/backup/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  backupFresh,
  backupRestoreDrill,
  backupRetention,
  backupSizeStable,
];
