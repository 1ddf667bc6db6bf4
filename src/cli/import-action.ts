import { existsSync } from 'node:fs';
import { catalog } from '../checks/index.js';
import { displayText } from '../display-text.js';
import { InputError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import { MAX_PLAN_BYTES, MAX_TRACKER_BYTES } from '../limits.js';
import { parsePlan } from '../plan/load.js';
import type { ImportWarning } from '../plan/markdown/import.js';
import { mergePlanText, newPlanText, type PlanFragment } from '../plan/write.js';
import { now } from './context.js';
import { planFileExists, writePlanFile } from './plan-file.js';

export interface ImportOptions {
  output: string;
  merge?: boolean;
  force?: boolean;
  verbose?: boolean;
  /** --no-link sets it false. */
  link: boolean;
}

const MAX_WARNINGS = 5;

/**
 * The warnings to print: each one with --verbose; otherwise the first five that need a
 * reader (a skipped table, an unknown status, a date left out), and one line for the ids
 * generated for items that had none, which a tracker without ids has for every item.
 */
function warningLines(tracker: string, warnings: readonly ImportWarning[], verbose: boolean): string[] {
  const line = (warning: ImportWarning) => `${tracker}:${warning.line}: warning: ${warning.message}`;
  if (verbose) return warnings.map(line);
  const generated = warnings.filter((warning) => warning.generatedId);
  const others = warnings.filter((warning) => !warning.generatedId);
  const lines = others.slice(0, MAX_WARNINGS).map(line);
  if (others.length > MAX_WARNINGS) lines.push(`… and ${others.length - MAX_WARNINGS} more warnings (--verbose lists them all)`);
  if (generated.length > 0) {
    const ids = generated.map((warning) => warning.generatedId);
    const some = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 2).join(', ')}, … ${ids.at(-1)}`;
    const items = generated.length === 1 ? 'item has' : 'items have';
    lines.push(`${tracker}: ${generated.length} ${items} no id in the tracker and got one from its stage or kind (${some}); --verbose lists each`);
  }
  return lines;
}

export async function importCommand(tracker: string, options: ImportOptions, exit: (code: number) => void): Promise<void> {
  // The Markdown parser is the heaviest import: load it only for this command.
  const { importTracker } = await import('../plan/markdown/import.js');
  const imported = importTracker(readInputFile(tracker, 'tracker', MAX_TRACKER_BYTES), tracker);
  for (const line of warningLines(tracker, imported.warnings, options.verbose === true)) process.stderr.write(`${displayText(line)}\n`);
  if (imported.items.length === 0)
    throw new InputError([`${tracker}: no tracker found (looked for tables with id/severity/finding/status columns, task lists and ~~done~~ headings)`]);
  const fragment = imported as unknown as PlanFragment;
  const target = options.output;
  let output: string;
  let summary: string;
  if (target !== '-' && existsSync(target) && options.merge) {
    const existing = readInputFile(target, 'plan', MAX_PLAN_BYTES);
    parsePlan(existing, target, { catalog, now: now({}) }); // a plan with errors is reported as such, not merged into
    const merged = mergePlanText(existing, fragment);
    output = merged.text;
    summary = `${merged.added} items added, ${merged.updated} updated`;
  } else {
    if (target !== '-' && planFileExists(target) && !options.force) throw new InputError([`${target} exists: use --merge to update it from the tracker, or --force to replace it`]);
    output = newPlanText(fragment, ` Imported from ${tracker} by "harden import". Add checks: to items so "harden verify" can measure them.`);
    summary = `${imported.items.length} items`;
  }
  const planFile = target === '-' ? 'stdout' : target;
  parsePlan(output, planFile, { catalog, now: now({}) });
  let links = '';
  if (options.link) {
    const { linkPlanText, summaryOf } = await import('./link-action.js');
    const linked = await linkPlanText(output, planFile, undefined, now({}));
    output = linked.text;
    links = summaryOf(linked, linked.items.length + linked.kept);
  }
  if (target === '-') process.stdout.write(output);
  else writePlanFile(target, output);
  const accepted = imported.items.filter((item) => (item as { status?: string }).status === 'accepted').length;
  process.stderr.write(`${displayText(`imported ${summary} (${imported.stages.length} stages, ${imported.themes.length} themes, ${accepted} accepted risks) from ${tracker}${target === '-' ? '' : ` into ${target}`}`)}\n${links ? `${displayText(links)}\n` : ''}`);
  exit(0);
}
