import { writeFileSync } from 'node:fs';
import { displayText } from '../display-text.js';
import { tallyResults } from '../engine/tally.js';
import { InputError } from '../errors.js';
import { markdownFormat } from '../report/markdown.js';
import { findPlan, now, requirePlan, runScan, type RunOptions } from './context.js';
import { assertWritable, reportContext } from './output.js';

export interface ReportOptions extends RunOptions {
  output?: string;
  measure: boolean;
}

export async function reportCommand(dir: string | undefined, options: ReportOptions, exit: (code: number) => void): Promise<void> {
  const date = now(options);
  assertWritable(options.output);
  const plan = await requirePlan(findPlan(options.plan, dir), date);
  const { run, catalog } = options.measure
    ? await runScan(dir, plan, options, date, true)
    : { run: { tool: { name: 'harden' as const, version: '' }, startedAt: date.toISOString(), durationMs: 0, root: '.', results: [], findings: [], tally: tallyResults([]), waivers: [] }, catalog: (await import('../checks/index.js')).catalog };
  const context = reportContext(catalog, plan, { format: 'markdown', by: 'stage' }, date);
  const register = markdownFormat.render(run, { ...context, color: false });
  if (!options.output) process.stdout.write(register);
  else {
    try {
      writeFileSync(options.output, register);
    } catch (error) {
      throw new InputError([`${options.output}: cannot write the register (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    process.stderr.write(`wrote the register of ${plan.plan.items.length} items to ${displayText(options.output)}\n`);
  }
  exit(0);
}
