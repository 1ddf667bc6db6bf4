import { relative, resolve, sep } from 'node:path';
import { displayText } from '../display-text.js';
import { scanGlobs, type ScanScope } from '../engine/scan.js';
import type { ScanRun } from '../engine/scan-run.js';
import type { LoadedPlan } from '../plan/load.js';
import { FILE_GROUPS } from '../targets/repo/workspace.js';

const ANY_CASE = new Set(['dockerfiles', 'compose']);

/**
 * A run that checked nothing: no pass, failure or error, only notes on what it left out (if any);
 * or only the file `besides` (the plan itself, read as a file of the tree, when `--plan elsewhere/harden.yaml`
 * names a root holding nothing else; standard input read for secrets, when it held no object).
 */
export function checkedNothing(run: ScanRun, besides?: string): boolean {
  const { pass, fail, error, suppressed, targets } = run.tally;
  if (pass + fail + error + suppressed === 0) return true;
  if (besides === undefined || targets > 3) return false;
  for (const result of run.results) if (result.status !== 'skipped' && result.target !== besides) return false;
  return true;
}

/** The plan file as a target of the tree under the scan's root. */
export function planTarget(scope: ScanScope, plan: LoadedPlan | undefined): string | undefined {
  return plan ? relative(scope.root, resolve(plan.file)).split(sep).join('/') : undefined;
}

/** What a scan that found nothing to check looked for, and where: so a wrong root or glob shows. */
export function nothingToCheckMessage(scope: ScanScope, plan: LoadedPlan | undefined, selection: { only?: string[]; skip?: string[] }): string {
  const globs = scanGlobs(plan);
  const shown = (path: string) => displayText(relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path) || '.');
  const lines = [
    'harden: nothing to check: no file or live target that the checks read was found (exit 2)',
    `  root     ${shown(scope.root)}  (${displayText(scope.origin)})`,
    ...(scope.within ? [`  within   ${displayText(scope.within)}/  (the DIR argument, inside the plan's root: only its files)`] : []),
    '  looked for (globs relative to the root):',
    ...FILE_GROUPS.map((group) => `    ${group.padEnd(12)}${displayText(globs[group].join(', ') || '(none)')}${ANY_CASE.has(group) ? '  (names in any case)' : ''}`),
    `    ${'excluded'.padEnd(12)}${displayText(globs.exclude.join(', '))}`,
  ];
  if (selection.only?.length) lines.push(`  --only ${displayText(selection.only.join(','))}: only the files its checks read count`);
  if (selection.skip?.length) lines.push(`  --skip ${displayText(selection.skip.join(','))}`);
  const live = plan?.plan.targets;
  if (plan && live) lines.push(`  live targets in the plan: ${live.sites.length} sites, ${live.domains.length} domains, ${live.services.length} services`);
  lines.push('Point DIR at the repository, or fix the plan\'s targets (root, globs) or --only.');
  return `${lines.join('\n')}\n`;
}
