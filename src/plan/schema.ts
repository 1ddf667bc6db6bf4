import { z } from 'zod';
import { monitoringPlanShape } from '../monitor/schema.js';
import { isoDate, stringList } from '../schema-fields.js';
import { parseSeverity, SEVERITIES } from '../severity.js';
import { servePlanShape } from '../status/serve-schema.js';
import { statusPlanShape } from '../status/schema.js';
import { backupsSchema } from '../targets/backup/schema.js';
import { secretMaxAgeSchema, secretRecordSchema } from '../targets/secret-record/schema.js';
import { targetsSchema } from '../targets/schema.js';
import { EVIDENCE_KINDS } from './evidence.js';
import { parseStatus, STATUSES } from './status.js';
import { verifyScheduleShape } from './verify-schedule.js';

const severity = z.preprocess(
  (value) => (typeof value === 'string' ? parseSeverity(value) ?? value : value),
  z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }),
);

const status = z.preprocess(
  (value) => (typeof value === 'string' ? parseStatus(value) ?? value : value),
  z.enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` }),
);

const id = z.string().min(1).regex(/^[\w.:-]+$/, 'ids use letters, digits, ".", ":", "_" and "-"');

export const itemCheckSchema = z.union([
  z.string().transform((check) => ({ check, with: {} as Record<string, unknown>, where: undefined as string[] | undefined, messages: undefined as string[] | undefined })),
  z
    .object({
      check: z.string(),
      with: z.record(z.string(), z.unknown()).default({}),
      where: stringList.optional(),
      /** Only these reports of the check judge the item (a headers check reports HSTS and CSP; the item claims one). */
      messages: stringList.optional(),
    })
    .strict(),
]);

export const decisionSchema = z
  .object({
    treatment: z.enum(['mitigate', 'accept', 'transfer', 'avoid', 'defer']).optional(),
    by: z.string().optional(),
    on: isoDate.optional(),
    reason: z.string().optional(),
    revisit: isoDate.optional(),
  })
  .strict();

export const itemSchema = z
  .object({
    id,
    kind: z.enum(['finding', 'task']).default('finding'),
    title: z.string().min(1),
    severity: severity.optional(),
    stage: z.string().optional(),
    inRepo: z.boolean().optional(),
    status: status.default('open'),
    acceptance: z.object({ type: z.enum(['risk', 'false-positive', 'not-applicable', 'deferred']) }).strict().optional(),
    decision: decisionSchema.optional(),
    owner: z.string().optional(),
    effort: z.string().optional(),
    found: isoDate.optional(),
    due: isoDate.optional(),
    refs: z.array(z.string()).default([]),
    tags: z.array(z.string()).default([]),
    notes: z.string().optional(),
    checks: z.array(itemCheckSchema).default([]),
    /** Where the evidence lives when no check reads it (yet): host, cluster, backup, application-code, decision, … */
    evidence: z.enum(EVIDENCE_KINDS, { error: `expected one of ${EVIDENCE_KINDS.join(', ')}` }).optional(),
    source: z.object({ file: z.string(), line: z.number().int().positive() }).strict().optional(),
  })
  .strict();

export const stageSchema = z.union([
  z.string().transform((stageId) => ({ id: stageId, title: stageId, description: undefined as string | undefined })),
  z.object({ id: z.string(), title: z.string().optional(), description: z.string().optional() }).strict()
    .transform((s) => ({ ...s, title: s.title ?? s.id })),
]);

export const themeSchema = z
  .object({ id, title: z.string(), closes: z.array(z.string()).min(1), description: z.string().optional() })
  .strict();

export const waiverSchema = z
  .object({
    check: z.string(),
    where: stringList.optional(),
    reason: z.string().min(1, 'a waiver needs a reason'),
    owner: z.string().optional(),
    expires: isoDate.optional(),
  })
  .strict();

export const slaSchema = z
  .object({
    critical: z.number().int().positive().optional(),
    high: z.number().int().positive().optional(),
    medium: z.number().int().positive().optional(),
    low: z.number().int().positive().optional(),
    info: z.number().int().positive().optional(),
  })
  .strict();

export const settingsSchema = z
  .object({
    /** The furthest a waiver may expire, in days from today. */
    maxWaiverDays: z.number().int().positive().default(180),
    /** Days before expiry at which a waiver is warned about. */
    waiverWarningDays: z.number().int().nonnegative().default(10),
    baseline: z.string().optional(),
    /** How long a secret of `secrets:` may go unrotated by severity, when it sets no maxAge. */
    secretMaxAge: secretMaxAgeSchema.optional(),
  })
  .strict();

export const planSchema = z
  .object({
    version: z.literal(1).default(1),
    project: z.string().optional(),
    targets: targetsSchema.default(() => targetsSchema.parse({})),
    stages: z.array(stageSchema).default([]),
    themes: z.array(themeSchema).default([]),
    items: z.array(itemSchema).default([]),
    sla: slaSchema.default({}),
    waivers: z.array(waiverSchema).default([]),
    settings: settingsSchema.default(() => settingsSchema.parse({})),
    backups: backupsSchema,
    /** Secrets the team rotates: where each lives (never its value) and when it was last rotated. */
    secrets: z.array(secretRecordSchema).default([]),
    ...monitoringPlanShape,
    ...statusPlanShape,
    ...verifyScheduleShape,
    ...servePlanShape,
  })
  .strict();

export type Plan = z.output<typeof planSchema>;
export type PlanItem = Plan['items'][number];
export type ItemCheck = PlanItem['checks'][number];
export type Theme = Plan['themes'][number];
export type Stage = Plan['stages'][number];
export type Waiver = Plan['waivers'][number];
export type { PlanTargets } from '../targets/schema.js';
