import { accountLockout } from './probe/account-lockout.js';
import { endpointStatus } from './probe/endpoint-status.js';
import { loginTiming } from './probe/login-timing.js';
import { nonSequentialIds } from './probe/non-sequential-ids.js';
import { pageSizeCap } from './probe/page-size-cap.js';
import { rateLimit } from './probe/rate-limit.js';
import { unknownFields } from './probe/unknown-fields.js';
import { unverifiedRefused } from './probe/unverified-refused.js';
import type { AnyCheck } from './define.js';

/** The probe checks: one line per module under src/checks/probe/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  accountLockout,
  endpointStatus,
  loginTiming,
  nonSequentialIds,
  pageSizeCap,
  rateLimit,
  unknownFields,
  unverifiedRefused,
];
