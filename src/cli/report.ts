import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { displayText } from '../display-text.js';
import { tallyResults } from '../engine/tally.js';
import { InputError } from '../errors.js';
import { markdownFormat } from '../report/markdown.js';
import { findPlan, now, requirePlan, runScan, type RunOptions } from './context.js';
import { addRunOptions } from './options.js';
import { assertWritable, outputOption, reportContext } from './output.js';

interface ReportOptions extends RunOptions {
  output?: string;
  measure: boolean;
}

export function registerReport(program: Command, exit: (code: number) => void): void {
  addRunOptions(
    program
      .command('report')
      .summary('render the plan as a Markdown register')
      .description('Render the plan as a SECURITY.md-style register: items per stage with ☐ ◐ ☑ ⊘, severity, in-repo, what the checks measured, themes and accepted risks.')
      .argument('[dir]', 'repository to measure (default: the plan\'s targets.root)'),
  )
    .addOption(outputOption())
    .option('--no-measure', 'render the claims only, without running the checks')
    .addHelpText('after', `
Examples:
  harden report -o SECURITY.md     the register, with a measured column
  harden report --no-measure       claims only (fast, no checks run)`)
    .action(async (dir: string | undefined, options: ReportOptions) => {
      const date = now(options);
      assertWritable(options.output);
      const plan = requirePlan(findPlan(options.plan, dir), date);
      const run = options.measure
        ? await runScan(dir, plan, options, date, true)
        : { tool: { name: 'harden' as const, version: '' }, startedAt: date.toISOString(), durationMs: 0, root: '.', results: [], findings: [], tally: tallyResults([]), waivers: [] };
      const context = reportContext(plan, { format: 'markdown', by: 'stage' }, date);
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
    });
}
