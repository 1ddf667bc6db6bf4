import { z } from 'zod';
import { VERDICTS } from '../engine/verdicts.js';
import { SEVERITIES, type Severity } from '../severity.js';
import { EVIDENCE_KINDS } from '../plan/evidence.js';
import { STATUSES } from '../plan/status.js';

/**
 * The JSON report, version 1: the contract other tools read. A change that is
 * not purely additive needs a new version (and a new schema file).
 * `npx tsx scripts/write-schemas.ts` writes REPORT_SCHEMA_FILE from this.
 */
export const REPORT_VERSION = 1;
export const REPORT_SCHEMA_ID = 'https://harden.dev/schema/harden-report.v1.json';

const severity = z.enum(SEVERITIES);
const count = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD; the day starts at 00:00 UTC');

const location = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('file'),
        path: z.string().describe('Relative to `root`, forward slashes'),
        line: z.number().int().positive(),
        column: z.number().int().positive(),
        endLine: z.number().int().positive().optional(),
        endColumn: z.number().int().positive().optional(),
      })
      .strict(),
    z.object({ kind: z.literal('url'), url: z.string() }).strict(),
    z.object({ kind: z.literal('host'), host: z.string(), port: z.number().int().min(0).max(65535) }).strict(),
    z.object({ kind: z.literal('dns'), name: z.string(), type: z.string().optional() }).strict(),
  ])
  .describe('Where a result points; file positions are 1-based');

const suppression = z
  .object({
    by: z.enum(['inline', 'waiver', 'baseline']),
    reason: z.string(),
    owner: z.string().optional(),
    expires: isoDate.optional(),
  })
  .strict()
  .describe('Why a failure does not count');

const result = z
  .object({
    checkId: z.string(),
    invocation: z.string().describe('The check id, plus `#<hash>` when run with parameters a plan item set'),
    title: z.string().optional().describe("The check's title, when the check is known"),
    status: z.enum(['pass', 'fail', 'error', 'skipped']),
    severity,
    messageId: z.string().optional(),
    message: z.string(),
    location,
    target: z.string().describe('Identity of the target: path + object, URL, host:port'),
    evidence: z.string().optional(),
    data: z
      .record(z.string(), z.union([z.string().describe('A text value: a grade, a date, a TLS version'), z.number().describe('A count, a score, a number of days'), z.boolean().describe('Whether something holds')]))
      .optional()
      .describe(
        'Values the check computed on the target, pass or fail, as data: http/observatory-grade grade, score, testsPassed, tests, algorithm; tls/certificate-expiry expires (YYYY-MM-DD), daysLeft; tls/protocol-versions tls10, tls11 (accepted or not); tls/tls13 tls13 (offered or not), protocol (negotiated by default); tls/key-strength keyType, keyBits; http/security-txt signed, expires (YYYY-MM-DD), daysLeft; dns/spf lookups, lookupsTruncated, voidLookups, limit (DNS lookups counted toward the limit of 10)',
      ),
    related: z
      .array(z.object({ location, message: z.string().describe('What is at that place') }).strict())
      .optional()
      .describe('Other places a failure involves, such as the other side of a cross-file reference (where a referenced Secret is created)'),
    fingerprint: z.string().describe('Stable across line moves: check id + target identity (+ which failure)'),
    suppression: suppression.optional().describe('Present on a failure that was waived, ignored inline or baselined'),
    waiverExpired: isoDate.optional().describe('A plan waiver covered this failure but expired on this date: it counts again'),
  })
  .strict();

const waiver = z
  .object({
    index: count.describe("Position in the plan's `waivers` list"),
    line: z.number().int().nonnegative().describe('Line of the waiver in the plan file'),
    check: z.string(),
    where: z.array(z.string()).optional(),
    reason: z.string(),
    owner: z.string().optional(),
    expires: isoDate.optional(),
    state: z.enum(['active', 'expiring', 'expired', 'unmatched']),
    matched: count.describe('Failures it suppressed (or, once expired, would have)'),
    daysLeft: z.number().int().optional().describe('Days until it expires; negative once expired'),
  })
  .strict();

const verdict = z
  .object({
    item: z.string(),
    title: z.string(),
    kind: z.enum(['finding', 'task']),
    severity: severity.optional(),
    stage: z.string().optional(),
    claimed: z.enum(STATUSES),
    verdict: z.enum(VERDICTS),
    overdue: z.boolean(),
    due: isoDate.optional(),
    reason: z.string(),
    unverifiable: z
      .object({ cause: z.enum(['no-check', 'no-target', 'not-run', 'error']), evidence: z.enum(EVIDENCE_KINDS).optional() })
      .strict()
      .optional()
      .describe('Why an unverifiable item was not measured; evidence: where its proof lives when no check reads it'),
    checks: z.array(
      z
        .object({
          check: z.string(),
          where: z.array(z.string()).optional(),
          messages: z.array(z.string()).optional().describe('The reports of the check that judge the item'),
          pass: count,
          fail: count,
          waived: count,
          error: count,
        })
        .strict(),
    ),
  })
  .strict();

const summary = z
  .object({
    total: count,
    pass: count,
    fail: count.describe('Open failures: failed and not suppressed'),
    error: count.describe('Checks that could not run on a target'),
    skipped: count,
    suppressed: count.describe('Failures waived, ignored inline or baselined'),
    bySeverity: z
      .object({ critical: count, high: count, medium: count, low: count, info: count } satisfies Record<Severity, typeof count>)
      .strict()
      .describe('Open failures by severity'),
  })
  .strict()
  .describe('pass + fail + error + skipped + suppressed = total');

export const jsonReportSchema = z
  .object({
    $schema: z.literal(REPORT_SCHEMA_ID),
    version: z.literal(REPORT_VERSION),
    tool: z.object({ name: z.literal('harden'), version: z.string() }).strict(),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: count,
    root: z.string().describe('Repository root the file paths are relative to'),
    plan: z.string().nullable().describe('The plan file, or null when the run used none'),
    summary,
    results: z.array(result),
    waivers: z.array(waiver),
    verdicts: z.array(verdict).nullable().describe("Plan items' verified state, or null when the run did not verify a plan"),
  })
  .strict()
  .meta({ title: 'harden report', description: 'The results of one harden run (harden --format json).' });

export type JsonReport = z.output<typeof jsonReportSchema>;
export type JsonResult = JsonReport['results'][number];
export type JsonWaiver = JsonReport['waivers'][number];
export type JsonVerdict = NonNullable<JsonReport['verdicts']>[number];
export type JsonSummary = JsonReport['summary'];

/** Where the generated schema is committed, relative to the repository root. */
export const REPORT_SCHEMA_FILE = 'schema/harden-report.v1.json';

/** The JSON Schema (draft 2020-12) of the report. */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(jsonReportSchema);
  return { $schema, $id: REPORT_SCHEMA_ID, ...rest };
}

/** The schema file's exact text. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
