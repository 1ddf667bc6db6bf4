import type { Command } from 'commander';
import { databaseOption } from './monitor.js';
import { addRunOptions } from './options.js';
import { byOption, formatOption, outputOption, verboseOption } from './output-options.js';
import type { VerifyOptions } from './verify-action.js';

export function registerVerify(program: Command, exit: (code: number) => void): void {
  addRunOptions(
    program
      .command('verify')
      .summary('measure every plan item\'s claimed status')
      .description('Run the checks each plan item names and compare the claimed status with what they measure: done but failing is a regression, open but passing is a stale document.')
      .argument('[dir]', 'repository to verify (default: the plan\'s targets.root)'),
  )
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(byOption())
    .addOption(verboseOption())
    .option('--scan', 'after the verdicts, list every failure of the scan as harden scan does (and what it skipped)')
    .option('--show-suppressed', 'list suppressed failures with their reason and expiry (with --scan)')
    .option('--strict', 'also exit 1 when an open item is past its due date')
    .option('--record', 'keep the run (each item\'s claim and verdict, the counts) in the monitor\'s store: harden serve\'s dashboard shows the history')
    .addOption(databaseOption())
    .option('--allow-errors', 'do not fail when some targets could not be checked (unreadable files, unreachable hosts)')
    .addHelpText('after', `
Verdicts: regression (claimed done, a check fails) · waiver-expired · stale-doc (claimed open,
every check passes) · acceptance-unneeded (accepted, now passes) · overdue · unverifiable (no
automated check, or its check matched nothing) · verified.

Output: the verdicts come first (regressions with what fails, where and the fix; then expired
waivers, stale, acceptance-unneeded, overdue), the verified items as a count, the unverifiable ones
grouped by why; --verbose lists every item; the scan's failures are one line, --scan lists them all.

Exit codes: 0 the plan holds, 1 a regression, an expired waiver, targets that could not be checked
(unless --allow-errors) or, with --strict, an overdue item; 2 bad input.`)
    .action(async (dir: string | undefined, options: VerifyOptions) => (await import('./verify-action.js')).verifyCommand(dir, options, exit));
}
