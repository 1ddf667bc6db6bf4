import { loginTiming } from './probe/login-timing.js';
import { rateLimit } from './probe/rate-limit.js';
import type { AnyCheck } from './define.js';

/** The probe checks: one line per module under src/checks/probe/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  loginTiming,
  rateLimit,
];
