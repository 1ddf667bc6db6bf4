import { z } from 'zod';
import { duration } from '../monitor/config-fields.js';

export const MIN_VERIFY_EVERY_MS = 10 * 60_000;

/**
 * The plan's `verify:` section: `harden serve` runs verify on this interval and records each run
 * (what `harden verify --record` keeps), for the dashboard's plan register and progress chart.
 */
export const verifyScheduleSchema = z
  .object({
    /** How often, e.g. 6h; at least 10m (a run reads every target of the plan). */
    every: duration.pipe(z.number().min(MIN_VERIFY_EVERY_MS, 'verify.every: at least 10m (each run reads every target of the plan)')),
  })
  .strict();

export const verifyScheduleShape = { verify: verifyScheduleSchema.optional() };

export type VerifySchedule = z.output<typeof verifyScheduleSchema>;
