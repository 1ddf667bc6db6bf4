import { messageSeverity, type AnyCheck } from '../checks/define.js';
import type { YamlPath } from '../targets/yaml/source.js';
import { daysBetween, parseDate } from './dates.js';
import type { Plan } from './schema.js';
import { validateMonitoring } from '../monitor/validate.js';
import { validateStatusPages } from '../status/schema.js';
import { atLeast, worstSeverity, type Severity } from '../severity.js';

export interface PlanIssue {
  path: YamlPath;
  message: string;
}

/** Rules across fields that a schema cannot express: references, uniqueness, waiver limits. */
export function validatePlan(plan: Plan, { catalog, now }: { catalog: ReadonlyMap<string, AnyCheck>; now: Date }): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const itemIds = new Map<string, number>();
  const stageIds = new Set(plan.stages.map((stage) => stage.id));

  plan.items.forEach((item, i) => {
    if (itemIds.has(item.id)) issues.push({ path: ['items', i, 'id'], message: `duplicate item id "${item.id}" (first at item ${itemIds.get(item.id)! + 1})` });
    else itemIds.set(item.id, i);
    if (item.stage && stageIds.size > 0 && !stageIds.has(item.stage))
      issues.push({ path: ['items', i, 'stage'], message: `unknown stage "${item.stage}" (stages: ${[...stageIds].join(', ')})` });
    item.checks.forEach((itemCheck, j) => {
      const check = catalog.get(itemCheck.check);
      if (!check) {
        issues.push({ path: ['items', i, 'checks', j], message: unknownCheck(itemCheck.check, catalog) });
        return;
      }
      const options = check.options.safeParse(itemCheck.with);
      if (!options.success)
        for (const issue of options.error.issues)
          issues.push({ path: ['items', i, 'checks', j, 'with', ...issue.path.map(String)], message: `${check.id}: ${issue.message}` });
      (itemCheck.messages ?? []).forEach((messageId, k) => {
        if (!(messageId in check.messages))
          issues.push({ path: ['items', i, 'checks', j, 'messages', k], message: `${check.id} reports no message "${messageId}" (it reports ${Object.keys(check.messages).join(', ')})` });
      });
    });
  });

  plan.themes.forEach((theme, i) => {
    theme.closes.forEach((member, j) => {
      if (!itemIds.has(member)) issues.push({ path: ['themes', i, 'closes', j], message: `theme "${theme.id}" closes unknown item "${member}"` });
    });
  });

  plan.waivers.forEach((waiver, i) => {
    const check = catalog.get(waiver.check);
    if (!check && !waiver.check.includes('*')) {
      issues.push({ path: ['waivers', i, 'check'], message: unknownCheck(waiver.check, catalog) });
      return;
    }
    if (!waiver.expires) {
      // A pattern (k8s/*, *) covers every check it matches: the most severe decides.
      const covered = check ? [check] : [...catalog.values()].filter((c) => waiverCovers(waiver.check, c.id));
      const severe = covered.find((c) => atLeast(worstSeverityOf(c), 'high'));
      if (severe) issues.push({ path: ['waivers', i], message: `a waiver of ${worstSeverityOf(severe)} check ${severe.id}${check ? '' : ` (matched by "${waiver.check}")`} needs "expires"` });
      return;
    }
    const days = daysBetween(now, parseDate(waiver.expires));
    if (days > plan.settings.maxWaiverDays)
      issues.push({ path: ['waivers', i, 'expires'], message: `expires ${days} days from today; waivers may run at most ${plan.settings.maxWaiverDays} days (settings.maxWaiverDays)` });
  });
  issues.push(...validateMonitoring(plan));
  issues.push(...validateStatusPages(plan));
  return issues;
}

function waiverCovers(pattern: string, checkId: string): boolean {
  return pattern === '*' || (pattern.endsWith('/*') && checkId.startsWith(pattern.slice(0, -1)));
}

/** The check's severity, or the most severe of its messages' own. */
function worstSeverityOf(check: AnyCheck): Severity {
  return worstSeverity([check.severity, ...Object.keys(check.messages).map((id) => messageSeverity(check, id))]) ?? check.severity;
}

function unknownCheck(id: string, catalog: ReadonlyMap<string, AnyCheck>): string {
  const near = [...catalog.keys()].filter((known) => known.split('/')[1] === id.split('/').at(-1) || known.includes(id) || id.includes(known));
  return `unknown check id "${id}"${near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ' (run "harden checks" for the catalog)'}`;
}
