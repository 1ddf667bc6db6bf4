import type { Command } from 'commander';
import { findPlan, now, requirePlan, runScan, type RunOptions } from './context.js';
import { addRunOptions } from './options.js';
import { emit, outputOption, reportContext } from './output.js';

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
      const plan = requirePlan(findPlan(options.plan, dir), date);
      const run = options.measure
        ? await runScan(dir, plan, options, date, true)
        : { tool: { name: 'harden' as const, version: '' }, startedAt: date.toISOString(), durationMs: 0, root: '.', results: [], waivers: [] };
      const context = reportContext(plan, { format: 'markdown', by: 'stage' }, date);
      if (options.output) emit(run, context, { format: 'markdown', output: options.output, by: 'stage' });
      else emit(run, context, { format: 'markdown', by: 'stage' });
      exit(0);
    });
}
