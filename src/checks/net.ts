import { portClosed } from './net/port-closed.js';
import { postgresTrust } from './net/postgres-trust.js';
import { redisNoAuth } from './net/redis-no-auth.js';
import type { AnyCheck } from './define.js';

/** The net checks: one line per module under src/checks/net/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  portClosed,
  postgresTrust,
  redisNoAuth,
];
