import { invocationKey } from './fingerprint.js';
import type { Result } from './result.js';
import { compileWhere } from './where.js';
import { addDays, formatDate, parseDate } from '../plan/dates.js';
import type { ItemCheck, Plan, PlanItem } from '../plan/schema.js';
import type { Severity } from '../severity.js';
import type { Status } from '../plan/status.js';
import { EVIDENCE_LABELS, type EvidenceKind } from '../plan/evidence.js';

export const VERDICTS = [
  'regression',
  'waiver-expired',
  'stale-doc',
  'acceptance-unneeded',
  'overdue',
  'unverifiable',
  'verified',
] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** What one of an item's checks measured. */
export interface ItemCheckOutcome {
  check: string;
  where?: string[];
  /** The reports that judge the item, when the plan scopes the check to some. */
  messages?: string[];
  pass: number;
  fail: number;
  /** Failures suppressed by an active waiver, annotation or baseline. */
  waived: number;
  error: number;
}

/** An item's claimed status against what its checks measured. */
export interface Verdict {
  item: string;
  title: string;
  kind: 'finding' | 'task';
  severity?: Severity;
  stage?: string;
  claimed: Status;
  verdict: VerdictKind;
  /** Open past its due date (explicit, or found + SLA days). */
  overdue: boolean;
  due?: string;
  /** One sentence a reader can act on. */
  reason: string;
  /** Why an unverifiable item could not be measured: no check linked (and where its evidence lives), or its check did not measure. */
  unverifiable?: Unverifiable;
  checks: ItemCheckOutcome[];
}

/**
 * What keeps an item from being measured: no check (`evidence` says where the proof lives,
 * when the plan says), a check that matched no target, one left out by --only/--skip, or one
 * that could not run.
 */
export interface Unverifiable {
  cause: 'no-check' | 'no-target' | 'not-run' | 'error';
  evidence?: EvidenceKind;
}

export interface VerdictInput {
  items: readonly PlanItem[];
  results: readonly Result[];
  sla: Plan['sla'];
  now: Date;
  /** Invocation keys that ran; an item check outside it was left out by --only/--skip. */
  ran?: ReadonlySet<string>;
}

/** Measures every item's claim against the results of its checks. */
export function computeVerdicts({ items, results, sla, now, ran }: VerdictInput): Verdict[] {
  const byInvocation = new Map<string, Result[]>();
  for (const result of results) {
    const group = byInvocation.get(result.invocation);
    if (group) group.push(result);
    else byInvocation.set(result.invocation, [result]);
  }
  const verdicts = items.map((item) => verdictOf(item, byInvocation, sla, now, ran));
  return verdicts.sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict));
}

function verdictOf(item: PlanItem, byInvocation: Map<string, Result[]>, sla: Plan['sla'], now: Date, ran: ReadonlySet<string> | undefined): Verdict {
  const due = dueDate(item, sla);
  const overdue = (item.status === 'open' || item.status === 'in-progress') && due !== undefined && parseDate(due) < now;
  const base = {
    item: item.id,
    title: item.title,
    kind: item.kind,
    claimed: item.status,
    overdue,
    ...(item.severity ? { severity: item.severity } : {}),
    ...(item.stage ? { stage: item.stage } : {}),
    ...(due ? { due } : {}),
  };
  const outcomes = item.checks.map((itemCheck) => outcomeOf(itemCheck, byInvocation));
  const checks = outcomes.map(({ outcome }) => outcome);
  const verdict = (kind: VerdictKind, reason: string, unverifiable?: Unverifiable): Verdict => ({ ...base, verdict: kind, reason, ...(unverifiable ? { unverifiable } : {}), checks });

  if (item.checks.length === 0) {
    const noCheck: Unverifiable = item.evidence ? { cause: 'no-check', evidence: item.evidence } : { cause: 'no-check' };
    if (overdue) return verdict('overdue', `still open, due ${due}`, noCheck);
    return verdict('unverifiable', item.evidence ? `no check reads ${EVIDENCE_LABELS[item.evidence]} yet: verify it by hand` : 'no automated check: run "harden link" or add `checks:`', noCheck);
  }
  const failing = outcomes.filter(({ outcome }) => outcome.fail > 0);
  const expired = outcomes.flatMap(({ expiredOn }) => expiredOn);
  const skipped = ran && item.checks.find((itemCheck) => !ran.has(invocationKey(itemCheck.check, itemCheck.with)));
  if (skipped) return verdict('unverifiable', `${skipped.check} was not run (--only/--skip)`, { cause: 'not-run' });
  const blind = outcomes.find(({ outcome }) => outcome.pass + outcome.fail + outcome.waived + outcome.error === 0);
  const broken = outcomes.find(({ outcome }) => outcome.error > 0);

  if (item.status === 'done' && expired.length > 0) return verdict('waiver-expired', `a waiver covering ${failing[0]?.outcome.check} expired on ${expired[0]}`);
  if (item.status === 'done' && failing.length > 0) return verdict('regression', `claimed done, but ${describeFailures(failing.map((f) => f.outcome))}`);
  if (blind) return verdict('unverifiable', `${blind.outcome.check} matched no target${blind.outcome.where ? ` (where: ${blind.outcome.where.join(', ')})` : ''}`, { cause: 'no-target' });
  if (broken) return verdict('unverifiable', `${broken.outcome.check} could not run: ${broken.firstError}`, { cause: 'error' });

  const stillFailing = outcomes.some(({ outcome }) => outcome.fail + outcome.waived > 0);
  switch (item.status) {
    case 'done':
      return verdict('verified', 'every check passes');
    case 'accepted':
      return stillFailing ? verdict('verified', 'the accepted risk is still present') : verdict('acceptance-unneeded', 'accepted as a risk, but every check now passes: mark it done');
    default:
      if (!stillFailing) return verdict('stale-doc', `claimed ${item.status}, but every check passes: mark it done`);
      return overdue ? verdict('overdue', `still open, due ${due}`) : verdict('verified', `still ${item.status}: ${describeFailures(checks.filter((c) => c.fail + c.waived > 0))}`);
  }
}

function outcomeOf(itemCheck: ItemCheck, byInvocation: Map<string, Result[]>) {
  const matches = compileWhere(itemCheck.where);
  const outcome: ItemCheckOutcome = { check: itemCheck.check, pass: 0, fail: 0, waived: 0, error: 0 };
  if (itemCheck.where) outcome.where = itemCheck.where;
  if (itemCheck.messages) outcome.messages = itemCheck.messages;
  const expiredOn: string[] = [];
  let firstError: string | undefined;
  const results = (byInvocation.get(invocationKey(itemCheck.check, itemCheck.with)) ?? []).filter((result) => matches(result.target));
  for (const result of results) {
    if (result.status === 'error') {
      outcome.error += 1;
      firstError ??= result.message;
    }
  }
  if (itemCheck.messages) {
    countScoped(results, new Set(itemCheck.messages), outcome, expiredOn);
    return { outcome, expiredOn, firstError };
  }
  for (const result of results) {
    if (result.status === 'pass') outcome.pass += 1;
    else if (result.status === 'fail') {
      if (result.suppression) outcome.waived += 1;
      else outcome.fail += 1;
      if (result.waiverExpired) expiredOn.push(result.waiverExpired);
    }
  }
  return { outcome, expiredOn, firstError };
}

/**
 * An item check scoped to some messages judges each target by those reports alone: a target
 * failing only other reports of the check (an accepted "no CSP" beside the claimed HSTS) passes.
 */
function countScoped(results: readonly Result[], scope: ReadonlySet<string>, outcome: ItemCheckOutcome, expiredOn: string[]): void {
  const targets = new Map<string, { fail: number; waived: number }>();
  for (const result of results) {
    if (result.status === 'error' || result.status === 'skipped') continue;
    const counts = targets.get(result.target) ?? targets.set(result.target, { fail: 0, waived: 0 }).get(result.target)!;
    if (result.status !== 'fail' || !scope.has(result.messageId ?? '')) continue;
    if (result.suppression) counts.waived += 1;
    else counts.fail += 1;
    if (result.waiverExpired) expiredOn.push(result.waiverExpired);
  }
  for (const { fail, waived } of targets.values()) {
    outcome.fail += fail;
    outcome.waived += waived;
    if (fail + waived === 0) outcome.pass += 1;
  }
}

function describeFailures(outcomes: ItemCheckOutcome[]): string {
  return outcomes.map((o) => `${o.check} fails on ${o.fail + o.waived} target${o.fail + o.waived === 1 ? '' : 's'}`).join('; ');
}

/** The explicit due date, else the date found plus the SLA days for the item's severity. */
export function dueDate(item: PlanItem, sla: Plan['sla']): string | undefined {
  if (item.due) return item.due;
  const days = item.severity ? sla[item.severity] : undefined;
  if (!item.found || days === undefined) return undefined;
  return formatDate(addDays(parseDate(item.found), days));
}
