import { z } from 'zod';
import type { Location } from '../location.js';
import { parseDuration } from '../../duration.js';
import { isoDate } from '../../schema-fields.js';
import { parseSeverity, SEVERITIES } from '../../severity.js';

/** A rotation period in the plan ("90d", "26w"), kept as written (see periodMs). */
const period = z.string().refine((text) => (parseDuration(text) ?? 0) > 0, { error: (issue) => `"${String(issue.input)}" is not a duration (use e.g. 90d, 26w, 720h)` });

const periodMs = (text: string | undefined) => (text === undefined ? undefined : parseDuration(text));

const severity = z.preprocess(
  (value) => (typeof value === 'string' ? parseSeverity(value) ?? value : value),
  z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }),
);

/** `k8s:namespace/name` or `k8s:name`. */
export const K8S_REF = /^k8s:(?:([\w.-]+)\/)?([\w.-]+)$/;

/**
 * A secret the team rotates, as the plan records it: where it lives (never its value), when it
 * was last rotated, and how long it may go unrotated.
 */
export const secretRecordSchema = z
  .object({
    name: z.string().min(1),
    /** Where the secret lives: `k8s:namespace/name` (or `k8s:name`), `file:path`, or words ("1Password vault Ops"). */
    lives: z
      .string()
      .min(1)
      .refine((text) => !/^k8s:/i.test(text) || K8S_REF.test(text), 'expected k8s:namespace/name or k8s:name (a Secret in the cluster)')
      .optional(),
    /** The day of the last rotation (YYYY-MM-DD). */
    rotated: isoDate.optional(),
    /** The longest it may go unrotated; else settings.secretMaxAge for its severity. */
    maxAge: period.optional(),
    severity: severity.optional(),
    /** `file:path` (relative to the repository root): a manifest or a `kubectl get secret -o yaml` dump showing when it was created or rotated. */
    evidence: z.string().regex(/^file:.+/, 'expected file:path (a manifest or a `kubectl get secret -o yaml` dump)').optional(),
    notes: z.string().optional(),
  })
  .strict();

export type SecretRecordConfig = z.output<typeof secretRecordSchema>;

const DAY_MS = 86_400_000;
export const SECRET_MAX_AGE_DEFAULTS = { critical: 90 * DAY_MS, high: 180 * DAY_MS, default: 365 * DAY_MS };

/** settings.secretMaxAge: how long a secret may go unrotated by its severity, when the secret sets no maxAge. */
export const secretMaxAgeSchema = z
  .object({
    /** Default 90d. */
    critical: period.optional(),
    /** Default 180d. */
    high: period.optional(),
    medium: period.optional(),
    low: period.optional(),
    info: period.optional(),
    /** Every severity not set above, and secrets without a severity. */
    /** Default 365d. */
    default: period.optional(),
  })
  .strict();

export type SecretMaxAge = z.output<typeof secretMaxAgeSchema>;

/** The rotation period of a secret: its own maxAge, else its severity's (critical 90d, high 180d), else the default (365d). */
export function maxAgeOf(record: SecretRecordConfig, settings: SecretMaxAge = {}): number {
  const bySeverity: Partial<Record<keyof SecretMaxAge, number>> = { ...SECRET_MAX_AGE_DEFAULTS };
  for (const [key, text] of Object.entries(settings) as [keyof SecretMaxAge, string | undefined][]) {
    const ms = periodMs(text);
    if (ms !== undefined) bySeverity[key] = ms;
  }
  return periodMs(record.maxAge) ?? (record.severity ? bySeverity[record.severity] : undefined) ?? bySeverity.default ?? SECRET_MAX_AGE_DEFAULTS.default;
}

/** A secret of the plan as the run hands it to its target: its entry, its rotation period, where the plan writes it. */
export interface SecretRecordInput {
  config: SecretRecordConfig;
  maxAgeMs: number;
  at: Location;
  index: number;
  /** The run's clock (--now, HARDEN_NOW). */
  now: Date;
}
