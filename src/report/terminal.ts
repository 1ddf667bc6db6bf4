import pc from 'picocolors';
import type { AnyCheck } from '../checks/define.js';
import { isOpenFailure, type Result } from '../engine/result.js';
import type { ScanRun, WaiverStatus } from '../engine/scan-run.js';
import type { Verdict, VerdictKind } from '../engine/verdicts.js';
import { bySeverity, SEVERITIES, type Severity } from '../severity.js';
import { displayLines, displayText as t } from '../display-text.js';
import { formatLocation, placeOf } from '../targets/location.js';
import { defineFormat, type ReportContext } from './define.js';
import { failingChecks, failureIndex, verdictSections } from './terminal-verdicts.js';
import { summaryLine } from './verdict-groups.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Lines of the "Skipped" section shown without --verbose. */
const SKIPPED_SHOWN = 10;

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED ', low: 'LOW ', info: 'INFO' };

/**
 * Human output for a terminal: failures grouped by severity (or stage), each with its place and its fix.
 * Every text that came from input (paths, messages, evidence, plan titles) goes through displayText (t).
 */
export const terminalFormat = defineFormat({
  id: 'terminal',
  description: 'human-readable text, grouped by severity or by stage (--by stage)',
  extension: 'txt',
  // Written failure by failure: a large repository's failures can be longer than any string.
  // Only the findings are read (never the passes), and the counts.
  *chunks(run, context) {
    const c = pc.createColors(context.color);
    yield header(run, c);
    if (context.verify && run.verdicts) {
      yield* verifyChunks(run, run.verdicts, context, c);
      return;
    }
    const failures = run.findings.filter(isOpenFailure);
    if (failures.length > 0) {
      yield '\n\n';
      yield* renderFailures(failures, context, c);
    }
    const sections: string[] = [];
    const errors = run.findings.filter((r) => r.status === 'error');
    if (errors.length > 0) sections.push(renderErrors(errors, c));
    const skipped = run.findings.filter((r) => r.status === 'skipped');
    if (skipped.length > 0) sections.push(renderSkipped(skipped, context, c));
    if (context.showSuppressed) sections.push(renderSuppressed(run.findings, c));
    const waivers = renderWaivers(run.waivers, run.plan, c);
    if (waivers) sections.push(waivers);
    if (run.verdicts) sections.push(renderVerdicts(run.verdicts, run.findings, context, c));
    sections.push(summary(run, c));
    for (const section of sections) yield `\n\n${section}`;
    yield '\n';
  },
});

/**
 * verify: the verdicts first, then what could not be checked and the waivers to act on, the scan
 * in one line (all of it with --scan), and the items counted once on the last line.
 */
function* verifyChunks(run: ScanRun, verdicts: Verdict[], context: ReportContext, c: Colors): Generator<string> {
  const sections = verdictSections(verdicts, run.findings, context, c);
  const errors = run.findings.filter((r) => r.status === 'error');
  if (errors.length > 0) sections.push(renderErrors(errors, c));
  const waivers = renderWaivers(run.waivers, run.plan, c);
  if (waivers) sections.push(waivers);
  for (const section of sections) yield `\n\n${section}`;
  if (context.verify?.scan) {
    const failures = run.findings.filter(isOpenFailure);
    if (failures.length > 0) {
      yield `\n\n${c.bold('Scan')}\n\n`;
      yield* renderFailures(failures, context, c);
    }
    const skipped = run.findings.filter((r) => r.status === 'skipped');
    if (skipped.length > 0) yield `\n\n${renderSkipped(skipped, context, c)}`;
    if (context.showSuppressed) yield `\n\n${renderSuppressed(run.findings, c)}`;
  }
  yield `\n\n${scanLine(run, context, c)}`;
  yield `\n${c.bold(summaryLine(verdicts))}\n`;
}

/** The scan in one line: what --scan would list, and how much of it no plan item names. */
function scanLine(run: ScanRun, context: ReportContext, c: Colors): string {
  const unclaimed = failuresNoItemNames(run.findings, context);
  const hint = context.verify?.scan ? '' : c.dim(` — ${unclaimed > 0 ? `${unclaimed} from checks no item names; ` : ''}--scan lists every failure`);
  return `${c.dim('scan:')} ${summary(run, c, false)}${hint}`;
}

function failuresNoItemNames(findings: readonly Result[], context: ReportContext): number {
  const named = new Set((context.plan?.plan.items ?? []).flatMap((item) => item.checks.map((itemCheck) => itemCheck.check)));
  return findings.filter((r) => isOpenFailure(r) && !named.has(r.checkId)).length;
}

function header(run: ScanRun, c: Colors): string {
  const { checks, targets } = run.tally;
  return c.bold(`harden ${run.tool.version}`) + c.dim(` · ${t(run.root)} · ${checks} checks · ${targets} targets · ${(run.durationMs / 1000).toFixed(2)} s${run.plan ? ` · plan ${t(run.plan)}` : ''}`);
}

function severityTag(severity: Severity, c: Colors): string {
  const label = SEVERITY_LABEL[severity];
  if (severity === 'critical' || severity === 'high') return c.red(c.bold(label));
  if (severity === 'medium') return c.yellow(label);
  return c.dim(label);
}

function* renderFailures(failures: Result[], context: ReportContext, c: Colors): Generator<string> {
  const groups = context.groupBy === 'stage' ? groupByStage(failures, context) : groupBySeverity(failures);
  for (const [index, [title, results]] of groups.entries()) {
    yield `${index > 0 ? '\n\n' : ''}${c.bold(c.underline(`${t(title)} (${results.length})`))}`;
    for (const result of results) yield `\n${renderFailure(result, context.catalog.get(result.checkId), c)}`;
  }
}

function renderFailure(result: Result, check: AnyCheck | undefined, c: Colors): string {
  const object = objectPart(result.target);
  const lines = [`${severityTag(result.severity, c)} ${c.cyan(t(result.checkId))}  ${t(result.message)}`, `     ${c.dim('at')} ${t(formatLocation(result.location))}${object ? c.dim(`  ${t(object)}`) : ''}`];
  for (const place of result.related ?? []) lines.push(`     ${c.dim('also at')} ${t(formatLocation(place.location))} ${c.dim('—')} ${t(place.message)}`);
  if (result.waiverExpired) lines.push(`     ${c.red(`waiver expired on ${t(result.waiverExpired)}: this failure counts again`)}`);
  // Evidence may span lines (response headers, a redirect chain): each line is shown under the first.
  if (result.evidence) lines.push(`     ${c.dim('evidence')} ${displayLines(result.evidence).replaceAll('\n', '\n              ')}`);
  if (check) lines.push(`     ${c.green('fix')} ${t(firstLine(check.fix))}${check.fix.trim().includes('\n') ? c.dim(`  (harden explain ${check.id})`) : ''}`);
  return lines.join('\n');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.replace(/:$/, '');
}

function objectPart(target: string): string {
  const hash = target.indexOf('#');
  return hash === -1 ? '' : target.slice(hash + 1);
}

function groupBySeverity(results: Result[]): [string, Result[]][] {
  return SEVERITIES.map((severity): [string, Result[]] => [severity.toUpperCase(), results.filter((r) => r.severity === severity)]).filter(([, group]) => group.length > 0);
}

/** Results under the stage of the plan items that check them; the rest under "Not in the plan". */
function groupByStage(results: Result[], context: ReportContext): [string, Result[]][] {
  const plan = context.plan?.plan;
  const stageOfCheck = new Map<string, string>();
  for (const item of plan?.items ?? []) for (const itemCheck of item.checks) if (item.stage && !stageOfCheck.has(itemCheck.check)) stageOfCheck.set(itemCheck.check, item.stage);
  const order = [...(plan?.stages.map((s) => s.id) ?? []), ...new Set(stageOfCheck.values())];
  const groups = new Map<string, Result[]>();
  for (const result of [...results].sort((a, b) => bySeverity(a.severity, b.severity))) {
    const stage = stageOfCheck.get(result.checkId) ?? '';
    const group = groups.get(stage);
    if (group) group.push(result);
    else groups.set(stage, [result]);
  }
  const title = (id: string) => (id ? `Stage: ${plan?.stages.find((s) => s.id === id)?.title ?? id}` : 'Not in the plan');
  return [...new Set([...order, ''])].filter((id) => groups.has(id)).map((id) => [title(id), groups.get(id)!]);
}

function renderErrors(errors: Result[], c: Colors): string {
  return [c.bold(c.underline(`Could not check (${errors.length})`)), ...errors.map((r) => `${c.magenta('ERR ')} ${t(formatLocation(r.location))}  ${t(r.message)}`)].join('\n');
}

/** What the tree's boundary and the plan's origins left out (files, links, redirects), one line each (the first ones, unless --verbose). */
function renderSkipped(skipped: Result[], context: ReportContext, c: Colors): string {
  const shown = context.verbose ? skipped : skipped.slice(0, SKIPPED_SHOWN);
  const lines = shown.map((r) => {
    const place = placeOf(r.location);
    const reason = r.message.startsWith(`${place}: `) ? r.message.slice(place.length + 2) : r.message;
    return `${c.dim('SKIP')} ${t(place)}  ${t(reason)}`;
  });
  if (shown.length < skipped.length) lines.push(c.dim(`… and ${skipped.length - shown.length} more (--verbose lists them all)`));
  return [c.bold(c.underline(`Skipped (${skipped.length})`)), ...lines].join('\n');
}

function renderSuppressed(results: readonly Result[], c: Colors): string {
  const suppressed = results.filter((r) => r.status === 'fail' && r.suppression);
  if (suppressed.length === 0) return c.dim('No suppressed failures.');
  return [
    c.bold(c.underline(`Suppressed (${suppressed.length})`)),
    ...suppressed.map((r) => {
      const s = r.suppression!;
      const until = s.expires ? ` until ${s.expires}` : '';
      return `${c.dim(SEVERITY_LABEL[r.severity])} ${t(r.checkId)}  ${t(formatLocation(r.location))}\n     ${c.dim(`${s.by}${s.owner ? ` (${t(s.owner)})` : ''}${t(until)}:`)} ${t(s.reason)}`;
    }),
  ].join('\n');
}

function renderWaivers(waivers: WaiverStatus[], planFile: string | undefined, c: Colors): string | undefined {
  const notable = waivers.filter((w) => w.state !== 'active');
  if (notable.length === 0) return undefined;
  const place = (w: WaiverStatus) => c.dim(`${t(planFile ?? 'plan')}:${w.line}`);
  const line = (w: WaiverStatus) => {
    const what = t(`waiver of ${w.waiver.check}${w.waiver.where ? ` where ${w.waiver.where.join(', ')}` : ''}`);
    switch (w.state) {
      case 'expired':
        return `${c.red('✗ expired')}   ${what} expired on ${t(w.waiver.expires ?? '')}${w.matched ? `: its ${w.matched} failure(s) count again` : ''}  ${place(w)}`;
      case 'expiring':
        return `${c.yellow('⚠ expiring')}  ${what} expires in ${w.daysLeft} day(s) (${t(w.waiver.expires ?? '')})  ${place(w)}`;
      default:
        return `${c.yellow('? unmatched')} ${what} matches no failure: remove it or fix its where  ${place(w)}`;
    }
  };
  return [c.bold(c.underline('Waivers')), ...notable.map(line)].join('\n');
}

const VERDICT_STYLE: Record<VerdictKind, (c: Colors, text: string) => string> = {
  regression: (c, t) => c.red(c.bold(t)),
  'waiver-expired': (c, t) => c.red(t),
  'stale-doc': (c, t) => c.yellow(t),
  'acceptance-unneeded': (c, t) => c.yellow(t),
  overdue: (c, t) => c.yellow(t),
  unverifiable: (c, t) => c.dim(t),
  verified: (c, t) => c.green(t),
};

function renderVerdicts(verdicts: Verdict[], results: readonly Result[], context: ReportContext, c: Colors): string {
  const failures = failureIndex(results, context);
  const items = new Map((context.plan?.plan.items ?? []).map((item) => [item.id, item]));
  const ordered = context.groupBy === 'stage' ? [...verdicts].sort((a, b) => stageIndex(a, context) - stageIndex(b, context)) : verdicts;
  const lines = [c.bold(c.underline(`Plan items (${verdicts.length})`))];
  for (const v of ordered) {
    const tag = VERDICT_STYLE[v.verdict](c, v.verdict.toUpperCase().padEnd(19));
    const meta = c.dim(`[${t([v.severity, v.stage, `claimed ${v.claimed}`].filter(Boolean).join(' · '))}]`);
    lines.push(`${tag} ${c.bold(t(v.item))} ${t(v.title)} ${meta}`);
    lines.push(`${' '.repeat(20)}${t(v.reason)}${v.overdue && v.verdict !== 'overdue' ? c.yellow(` · overdue since ${t(v.due ?? '')}`) : ''}`);
    const item = items.get(v.item);
    if (v.verdict === 'regression' && item) for (const r of failingChecks(item, failures).flatMap((f) => f.results).slice(0, 5)) lines.push(`${' '.repeat(20)}${c.dim('at')} ${t(formatLocation(r.location))}  ${t(r.message)}`);
  }
  return lines.join('\n');
}

function stageIndex(verdict: Verdict, context: ReportContext): number {
  const index = context.plan?.plan.stages.findIndex((s) => s.id === verdict.stage) ?? -1;
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

function summary(run: ScanRun, c: Colors, withItems = true): string {
  const { tally } = run;
  const bySev = SEVERITIES.map((s) => [s, tally.bySeverity[s]] as const).filter(([, n]) => n > 0);
  const parts = [
    tally.fail === 0 ? c.green('no failures') : c.bold(`${tally.fail} failure${tally.fail === 1 ? '' : 's'}`) + (bySev.length ? ` (${bySev.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''),
    `${tally.suppressed} suppressed`,
    `${tally.error} errors`,
    `${tally.pass} passed`,
  ];
  if (tally.skipped > 0) parts.push(`${tally.skipped} skipped`);
  if (run.verdicts && withItems) {
    const counts = new Map<string, number>();
    for (const v of run.verdicts) counts.set(v.verdict, (counts.get(v.verdict) ?? 0) + 1);
    parts.push(`items: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  }
  return parts.join(c.dim(' · '));
}
