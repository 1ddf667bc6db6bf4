import { z } from 'zod';
import { dateProblem } from './calendar-date.js';

/** One string, or a list of them (`where: deploy/**` or `where: [a, b]`), read as a list. */
export const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** YYYY-MM-DD, a day of the calendar; a date means 00:00 UTC that day. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = z
  .string()
  .regex(DATE_SHAPE, 'expected a date as YYYY-MM-DD')
  .superRefine((text, ctx) => {
    const problem = DATE_SHAPE.test(text) ? dateProblem(text) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: `${text} is not a date: ${problem}` });
  });
