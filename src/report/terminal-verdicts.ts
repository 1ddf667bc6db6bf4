import type pc from 'picocolors';
import { displayText as t } from '../display-text.js';
import { invocationKey } from '../engine/fingerprint.js';
import { isOpenFailure, type Result } from '../engine/result.js';
import type { Verdict, VerdictKind } from '../engine/verdicts.js';
import { compileWhere } from '../engine/where.js';
import { EVIDENCE_LABELS } from '../plan/evidence.js';
import type { PlanItem } from '../plan/schema.js';
import { formatLocation } from '../targets/location.js';
import type { ReportContext } from './define.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Places shown under each failing check of a regression; the rest are counted. */
const PLACES_SHOWN = 3;
/** Item ids shown on an unverifiable group's line without --verbose. */
const IDS_SHOWN = 8;

/**
 * What `verify` leads with, section by section: the claims found false (regressions, expired
 * waivers) with what fails, where and the fix; the claims out of date; the verified items as a
 * count; and why the rest cannot be measured, grouped by cause.
 */
export function verdictSections(verdicts: readonly Verdict[], findings: readonly Result[], context: ReportContext, c: Colors): string[] {
  const ordered = context.groupBy === 'stage' ? byStage(verdicts, context) : verdicts;
  const of = (kind: VerdictKind) => ordered.filter((v) => v.verdict === kind);
  const failures = failureIndex(findings, context);
  const items = new Map((context.plan?.plan.items ?? []).map((item) => [item.id, item]));
  const sections = [
    broken(of('regression'), 'Regressions', 'claimed done, but a check fails', { failures, items, context }, c),
    broken(of('waiver-expired'), 'Waivers expired', 'claimed done under a waiver that has expired', { failures, items, context }, c),
    oneLineEach(of('stale-doc'), 'Stale', 'claimed open, but every check passes', c.yellow, c),
    oneLineEach(of('acceptance-unneeded'), 'Acceptance unneeded', 'accepted as a risk, but every check now passes', c.yellow, c),
    oneLineEach(of('overdue'), 'Overdue', 'still open past the due date', c.yellow, c),
    verified(of('verified'), context, c),
    unverifiable(ordered, context, c),
  ];
  return sections.filter((section): section is string => section !== undefined);
}

function heading(title: string, count: number, gloss: string, c: Colors): string {
  return `${c.bold(c.underline(`${title} (${count})`))} ${c.dim(gloss)}`;
}

function itemLine(v: Verdict, c: Colors): string {
  const meta = [v.severity, v.stage, v.claimed === 'done' ? '' : `claimed ${v.claimed}`].filter(Boolean).join(' · ');
  return `${c.bold(t(v.item))} ${t(v.title)}${meta ? c.dim(` [${t(meta)}]`) : ''}`;
}

interface Lookup {
  failures: FailureIndex;
  items: ReadonlyMap<string, PlanItem>;
  context: ReportContext;
}

function broken(verdicts: readonly Verdict[], title: string, gloss: string, { failures, items, context }: Lookup, c: Colors): string | undefined {
  if (verdicts.length === 0) return undefined;
  const lines = [heading(title, verdicts.length, gloss, c)];
  for (const v of verdicts) {
    lines.push(`${c.red('✗')} ${itemLine(v, c)}`);
    const item = items.get(v.item);
    const shown = item ? failingChecks(item, failures) : [];
    if (shown.length === 0) lines.push(`    ${t(v.reason)}`);
    for (const { check, results } of shown) {
      lines.push(`    ${c.cyan(t(check))} fails on ${results.length} target${results.length === 1 ? '' : 's'}`);
      for (const r of results.slice(0, PLACES_SHOWN)) lines.push(`      ${c.dim('at')} ${t(formatLocation(r.location))}  ${t(r.message)}`);
      if (results.length > PLACES_SHOWN) lines.push(c.dim(`      … and ${results.length - PLACES_SHOWN} more`));
      const fix = context.catalog.get(check)?.fix;
      if (fix) lines.push(`      ${c.green('fix')} ${t(firstLine(fix))}${fix.trim().includes('\n') ? c.dim(`  (harden explain ${check})`) : ''}`);
    }
    if (v.verdict === 'waiver-expired') lines.push(`    ${c.red(t(v.reason))}`);
  }
  return lines.join('\n');
}

function oneLineEach(verdicts: readonly Verdict[], title: string, gloss: string, tint: (text: string) => string, c: Colors): string | undefined {
  if (verdicts.length === 0) return undefined;
  return [heading(title, verdicts.length, gloss, c), ...verdicts.map((v) => `${tint('•')} ${itemLine(v, c)} ${c.dim('—')} ${t(v.reason)}`)].join('\n');
}

function verified(verdicts: readonly Verdict[], context: ReportContext, c: Colors): string | undefined {
  if (verdicts.length === 0) return undefined;
  if (!context.verbose) return `${c.bold(c.underline(`Verified (${verdicts.length})`))} ${c.dim('the claim holds: done and passing, or open and still failing (--verbose lists them)')}`;
  return [heading('Verified', verdicts.length, 'the claim holds', c), ...verdicts.map((v) => `${c.green('✓')} ${itemLine(v, c)} ${c.dim('—')} ${t(v.reason)}`)].join('\n');
}

interface UnverifiableGroup {
  label: string;
  ids: string[];
}

/** Every item that carries a cause, overdue ones too: why harden cannot measure it. */
function unverifiable(verdicts: readonly Verdict[], context: ReportContext, c: Colors): string | undefined {
  const groups = new Map<string, UnverifiableGroup>();
  for (const v of verdicts) {
    if (!v.unverifiable) continue;
    const key = `${v.unverifiable.cause}:${v.unverifiable.evidence ?? ''}`;
    const group = groups.get(key) ?? groups.set(key, { label: causeLabel(v), ids: [] }).get(key)!;
    group.ids.push(v.item);
  }
  if (groups.size === 0) return undefined;
  const order = (key: string) => CAUSE_ORDER.indexOf(key.slice(0, key.indexOf(':')) as (typeof CAUSE_ORDER)[number]);
  const sorted = [...groups].sort(([a, ga], [b, gb]) => order(a) - order(b) || gb.ids.length - ga.ids.length).map(([, group]) => group);
  const total = sorted.reduce((sum, group) => sum + group.ids.length, 0);
  const lines = [heading('Unverifiable', total, 'why harden cannot measure them', c)];
  for (const { label, ids } of sorted) {
    const shown = context.verbose ? ids : ids.slice(0, IDS_SHOWN);
    const more = ids.length > shown.length ? c.dim(` … +${ids.length - shown.length}`) : '';
    lines.push(`  ${t(label)} (${ids.length}): ${t(shown.join(', '))}${more}`);
  }
  return lines.join('\n');
}

/** Links that do not measure come first: they are the plan's to fix. */
const CAUSE_ORDER = ['no-target', 'error', 'not-run', 'no-check'] as const;

function causeLabel(v: Verdict): string {
  const { cause, evidence } = v.unverifiable!;
  if (cause === 'no-target') return 'linked, but the check matched no target';
  if (cause === 'error') return 'linked, but the check could not run';
  if (cause === 'not-run') return 'linked, but the check was left out (--only/--skip)';
  if (evidence === 'decision') return 'decisions and documents, nothing to measure';
  if (evidence === 'application-code') return 'in application code, no check reads it';
  if (evidence) return `no check reads ${EVIDENCE_LABELS[evidence]} yet`;
  return 'no check linked (harden link, or add checks:)';
}

function byStage(verdicts: readonly Verdict[], context: ReportContext): Verdict[] {
  const stages = context.plan?.plan.stages ?? [];
  const index = (v: Verdict) => {
    const at = stages.findIndex((s) => s.id === v.stage);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...verdicts].sort((a, b) => index(a) - index(b));
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.replace(/:$/, '');
}

/** The open failures by invocation: read once, whatever the number of items. */
export type FailureIndex = ReadonlyMap<string, readonly Result[]>;

export function failureIndex(findings: readonly Result[], context: ReportContext): FailureIndex {
  const index = new Map<string, Result[]>();
  if (!context.plan) return index;
  for (const result of findings) {
    if (!isOpenFailure(result)) continue;
    const group = index.get(result.invocation);
    if (group) group.push(result);
    else index.set(result.invocation, [result]);
  }
  return index;
}

/** The open failures that judge an item, by its checks: their parameters, where: and messages: scope. */
export function failingChecks(item: PlanItem, failures: FailureIndex): { check: string; results: Result[] }[] {
  return item.checks.flatMap((itemCheck) => {
    const where = compileWhere(itemCheck.where);
    const scope = itemCheck.messages ? new Set(itemCheck.messages) : undefined;
    const results = (failures.get(invocationKey(itemCheck.check, itemCheck.with)) ?? []).filter((r) => where(r.target) && (!scope || scope.has(r.messageId ?? '')));
    return results.length > 0 ? [{ check: itemCheck.check, results }] : [];
  });
}
