import { z } from 'zod';
import { dateProblem } from './dates.js';
import { channelSchema, maintenanceSchema, monitoringSchema, monitorSchema, sloSchema, triggerSchema } from './monitor-schema.js';
import { parseSeverity, SEVERITIES } from '../severity.js';
import { parseStatus, STATUSES } from './status.js';

/** YYYY-MM-DD, a day of the calendar; a date means 00:00 UTC that day. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(DATE_SHAPE, 'expected a date as YYYY-MM-DD')
  .superRefine((text, ctx) => {
    const problem = DATE_SHAPE.test(text) ? dateProblem(text) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: `${text} is not a date: ${problem}` });
  });

const severity = z.preprocess(
  (value) => (typeof value === 'string' ? parseSeverity(value) ?? value : value),
  z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }),
);

const status = z.preprocess(
  (value) => (typeof value === 'string' ? parseStatus(value) ?? value : value),
  z.enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` }),
);

const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const id = z.string().min(1).regex(/^[\w.:-]+$/, 'ids use letters, digits, ".", ":", "_" and "-"');

/** Active probes send bounded, configured request counts, and only to sites that opt in here. */
const rateLimitProbe = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['GET', 'POST', 'PUT']).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().optional(),
    /** Stop after this many requests at the latest. */
    maxRequests: z.number().int().min(1).max(1000).default(100),
    perSecond: z.number().positive().max(200).default(20),
    /** Statuses that show the limit kicked in. */
    expectStatus: z.array(z.number().int()).default([429]),
  })
  .strict();

const loginTimingProbe = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['POST', 'GET', 'PUT']).default('POST'),
    headers: z.record(z.string(), z.string()).default({ 'content-type': 'application/json' }),
    /** Request body with {user} where the account name goes. */
    body: z.string().default('{"email":"{user}","password":"harden-probe-wrong-password"}'),
    knownUser: z.string(),
    unknownUser: z.string().default('harden-probe-no-such-user@example.invalid'),
    /** Total requests across both accounts, at most. */
    maxRequests: z.number().int().min(20).max(5000).default(400),
  })
  .strict();

const siteObject = z
  .object({
    url: z.url(),
    name: z.string().optional(),
    /** Auth endpoints that must answer with Cache-Control: no-store. */
    authPaths: z.array(z.string().startsWith('/')).default([]),
    probes: z.object({ rateLimit: rateLimitProbe.optional(), loginTiming: loginTimingProbe.optional() }).strict().default({}),
  })
  .strict();

const site = z.union([z.url().transform((url) => siteObject.parse({ url })), siteObject]);

/**
 * A service harden connects to. kind tcp (and the "host:port" shorthand) is a port that must NOT be
 * reachable from where harden runs (a datastore on a public address): net/port-closed fails when a
 * TCP connect succeeds. kind redis / postgres are probed for missing authentication (one PING, one
 * StartupMessage), never written to.
 */
const service = z.union([
  z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'expected host:port')
    .transform((text) => {
      const [host, port] = text.split(':');
      return { host: host!, port: Number(port), kind: 'tcp' as const, name: undefined as string | undefined };
    }),
  z
    .object({
      name: z.string().optional(),
      host: z.string(),
      port: z.number().int().min(1).max(65535),
      kind: z.enum(['tcp', 'redis', 'postgres']).default('tcp'),
    })
    .strict(),
]);

export const targetsSchema = z
  .object({
    root: z.string().default('.'),
    manifests: stringList.optional(),
    dockerfiles: stringList.optional(),
    compose: stringList.optional(),
    workflows: stringList.optional(),
    scripts: stringList.optional(),
    configs: stringList.optional(),
    tree: stringList.optional(),
    exclude: stringList.optional(),
    sites: z.array(site).default([]),
    domains: z.array(z.string()).default([]),
    services: z.array(service).default([]),
  })
  .strict();

export const itemCheckSchema = z.union([
  z.string().transform((check) => ({ check, with: {} as Record<string, unknown>, where: undefined as string[] | undefined })),
  z
    .object({
      check: z.string(),
      with: z.record(z.string(), z.unknown()).default({}),
      where: stringList.optional(),
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
    monitors: z.array(monitorSchema).default([]),
    alerts: z.record(z.string().regex(/^[\w.:-]+$/, 'channel names use letters, digits, ".", ":", "_" and "-"'), channelSchema).default({}),
    maintenance: z.array(maintenanceSchema).default([]),
    slo: z.array(sloSchema).default([]),
    triggers: z.array(triggerSchema).default([]),
    monitoring: monitoringSchema.default(() => monitoringSchema.parse({})),
  })
  .strict();

export type Plan = z.output<typeof planSchema>;
export type PlanItem = Plan['items'][number];
export type ItemCheck = PlanItem['checks'][number];
export type Theme = Plan['themes'][number];
export type Stage = Plan['stages'][number];
export type Waiver = Plan['waivers'][number];
export type PlanTargets = Plan['targets'];
