import type { Command } from 'commander';
import { addRunOptions } from './options.js';
import { outputOption } from './output-options.js';
import type { ReportOptions } from './report-action.js';

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
    .action(async (dir: string | undefined, options: ReportOptions) => (await import('./report-action.js')).reportCommand(dir, options, exit));
}
