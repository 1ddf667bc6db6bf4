import type { AnyCheck } from '../checks/define.js';
import type { Result, Suppression } from '../engine/result.js';
import type { ScanRun, WaiverStatus } from '../engine/scan-run.js';
import { SEVERITIES } from '../severity.js';
import type { ResultTally } from '../engine/tally.js';
import type { Verdict } from '../engine/verdicts.js';
import { defineFormat } from './define.js';
import { jsonChunks, JsonText, LazyList, leaf } from './json-chunks.js';
import {
  REPORT_SCHEMA_ID,
  REPORT_VERSION,
  type JsonReport,
  type JsonResult,
  type JsonSummary,
  type JsonVerdict,
  type JsonWaiver,
} from './json-shape.js';

/** The whole run as versioned JSON, described by `schema/harden-report.v1.json`. */
export const jsonFormat = defineFormat({
  id: 'json',
  description: `machine-readable JSON (version ${REPORT_VERSION}, JSON Schema: ${REPORT_SCHEMA_ID})`,
  extension: 'json',
  // Streamed result by result as the run's results are read (a large repository's report can be
  // longer than any string, and its passes are built only as they are written).
  *chunks(run, context) {
    const results = new LazyList(run.results, (result) => new JsonText(jsonResultText(result, context.catalog.get(result.checkId), RESULT_INDENT)));
    yield* jsonChunks(jsonReport(run, results), 2);
    yield '\n';
  },
});

/** Where results sit in the report: an item of the root object's `results`. */
const RESULT_INDENT = '    ';

export function toJsonReport(run: ScanRun, catalog: ReadonlyMap<string, AnyCheck>): JsonReport {
  return jsonReport(run, Array.from(run.results, (result) => toJsonResult(result, catalog.get(result.checkId))));
}

/** The report's members in their order; `results` converted already, or as they are written. */
function jsonReport<R extends JsonResult[] | LazyList<Result, JsonText>>(run: ScanRun, results: R): Omit<JsonReport, 'results'> & { results: R } {
  return {
    $schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    tool: { name: run.tool.name, version: run.tool.version },
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    root: run.root,
    plan: run.plan ?? null,
    summary: summaryOf(run.tally),
    results,
    waivers: run.waivers.map(toJsonWaiver),
    verdicts: run.verdicts ? run.verdicts.map(toJsonVerdict) : null,
  };
}

function summaryOf(tally: ResultTally): JsonSummary {
  const { total, pass, fail, error, skipped, suppressed } = tally;
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, tally.bySeverity[severity]])) as JsonSummary['bySeverity'];
  return { total, pass, fail, error, skipped, suppressed, bySeverity };
}

function toJsonResult(result: Result, check: AnyCheck | undefined): JsonResult {
  const json: JsonResult = {
    checkId: result.checkId,
    invocation: result.invocation,
    status: result.status,
    severity: result.severity,
    message: result.message,
    location: { ...result.location },
    target: result.target,
    fingerprint: result.fingerprint,
  };
  if (check) json.title = check.title;
  if (result.messageId !== undefined) json.messageId = result.messageId;
  if (result.evidence !== undefined) json.evidence = result.evidence;
  if (result.data !== undefined) json.data = { ...result.data };
  if (result.related) json.related = result.related.map(({ location, message }) => ({ location: { ...location }, message }));
  if (result.suppression) json.suppression = toJsonSuppression(result.suppression);
  if (result.waiverExpired !== undefined) json.waiverExpired = result.waiverExpired;
  return json;
}

/**
 * The text JSON.stringify gives toJsonResult's object at this indentation, formed directly:
 * results are the bulk of a large report, and this takes a third less time.
 */
function jsonResultText(result: Result, check: AnyCheck | undefined, indent: string): string {
  const inner = `${indent}  `;
  const member = (key: string, text: string) => `,\n${inner}"${key}": ${text}`;
  const string = JSON.stringify;
  let text =
    `{\n${inner}"checkId": ${string(result.checkId)}` +
    member('invocation', string(result.invocation)) +
    member('status', string(result.status)) +
    member('severity', string(result.severity)) +
    member('message', string(result.message)) +
    member('location', flatLeaf(result.location, inner)) +
    member('target', string(result.target)) +
    member('fingerprint', string(result.fingerprint));
  if (check) text += member('title', string(check.title));
  if (result.messageId !== undefined) text += member('messageId', string(result.messageId));
  if (result.evidence !== undefined) text += member('evidence', string(result.evidence));
  if (result.data !== undefined) text += member('data', leaf({ ...result.data }, inner));
  if (result.related) text += member('related', leaf(result.related.map(({ location, message }) => ({ location: { ...location }, message })), inner));
  if (result.suppression) text += member('suppression', leaf(toJsonSuppression(result.suppression), inner));
  if (result.waiverExpired !== undefined) text += member('waiverExpired', string(result.waiverExpired));
  return `${text}\n${indent}}`;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** leaf() of an object whose members are strings and numbers, such as a location, formed directly. */
function flatLeaf(value: object, indent: string): string {
  const separator = `,\n${indent}  `;
  let text = '';
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    const simple = typeof member === 'string' || (typeof member === 'number' && Number.isFinite(member));
    if (!simple || !PLAIN_KEY.test(key) || !Object.hasOwn(value, key)) return leaf(value, indent);
    text += `${separator}"${key}": ${typeof member === 'number' ? member : JSON.stringify(member)}`;
  }
  return text === '' ? '{}' : `{${text.slice(1)}\n${indent}}`;
}

function toJsonSuppression({ by, reason, owner, expires }: Suppression): NonNullable<JsonResult['suppression']> {
  return { by, reason, ...(owner !== undefined ? { owner } : {}), ...(expires !== undefined ? { expires } : {}) };
}

function toJsonWaiver(status: WaiverStatus): JsonWaiver {
  const { waiver } = status;
  const json: JsonWaiver = {
    index: status.index,
    line: status.line,
    check: waiver.check,
    reason: waiver.reason,
    state: status.state,
    matched: status.matched,
  };
  if (waiver.where) json.where = [...waiver.where];
  if (waiver.owner !== undefined) json.owner = waiver.owner;
  if (waiver.expires !== undefined) json.expires = waiver.expires;
  if (status.daysLeft !== undefined) json.daysLeft = status.daysLeft;
  return json;
}

function toJsonVerdict(verdict: Verdict): JsonVerdict {
  const json: JsonVerdict = {
    item: verdict.item,
    title: verdict.title,
    kind: verdict.kind,
    claimed: verdict.claimed,
    verdict: verdict.verdict,
    overdue: verdict.overdue,
    reason: verdict.reason,
    checks: verdict.checks.map(({ check, where, pass, fail, waived, error }) => ({
      check,
      ...(where ? { where: [...where] } : {}),
      pass,
      fail,
      waived,
      error,
    })),
  };
  if (verdict.severity !== undefined) json.severity = verdict.severity;
  if (verdict.stage !== undefined) json.stage = verdict.stage;
  if (verdict.due !== undefined) json.due = verdict.due;
  return json;
}
