import type { Command } from 'commander';
import { displayText } from '../display-text.js';
import { writeBaseline } from '../engine/baseline.js';
import { isOpenFailure } from '../engine/result.js';
import { atLeast } from '../severity.js';
import { findPlan, now, openPlan, runScan, type RunOptions } from './context.js';
import { addRunOptions, failOnOption, type FailOn } from './options.js';
import { assertWritable, byOption, emit, formatOption, outputOption, reportContext, verboseOption, type OutputOptions } from './output.js';

interface ScanOptions extends RunOptions, OutputOptions {
  failOn: FailOn;
  writeBaseline?: string;
  allowErrors?: boolean;
}

export function registerScan(program: Command, exit: (code: number) => void): void {
  addRunOptions(
    program
      .command('scan')
      .summary('run the check catalog on the plan\'s targets')
      .description('Run every check in the catalog over the repository (manifests, Dockerfiles, compose files) and report what fails, where, and how to fix it.')
      .argument('[dir]', 'repository to scan (default: the plan\'s targets.root, or here)'),
  )
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(byOption())
    .addOption(verboseOption())
    .addOption(failOnOption('low'))
    .option('--show-suppressed', 'list suppressed failures with their reason and expiry')
    .option('--allow-errors', 'do not fail when some targets could not be checked (unreadable files, unreachable hosts)')
    .option('--write-baseline <file>', 'record the current failures as accepted; later runs with --baseline gate only on new ones')
    .addHelpText('after', `
Examples:
  harden scan                          scan the repo the plan names, print failures by severity
  harden scan deploy/ --only k8s       only the Kubernetes checks, on deploy/
  harden scan -f sarif -o harden.sarif for GitHub code scanning
  harden scan --write-baseline .harden-baseline.json   adopt on a large repo, then:
  harden scan --baseline .harden-baseline.json         gate only on new failures

Exit codes: 0 nothing at or above --fail-on, 1 failures, an expired waiver, or targets that could not
be checked (unless --allow-errors), 2 bad input.`)
    .action(async (dir: string | undefined, options: ScanOptions) => {
      const date = now(options);
      assertWritable(options.output, options.writeBaseline);
      const plan = openPlan(findPlan(options.plan, dir), date);
      const run = await runScan(dir, plan, options, date, plan !== undefined);
      await emit(run, reportContext(plan, options, date), options);
      if (options.writeBaseline) process.stderr.write(`baseline: ${writeBaseline(options.writeBaseline, run.findings)} fingerprints written to ${displayText(options.writeBaseline)}\n`);
      const threshold = options.failOn;
      const gated = threshold !== 'none' && run.findings.some((r) => isOpenFailure(r) && atLeast(r.severity, threshold));
      const expired = run.waivers.some((w) => w.state === 'expired');
      // --fail-on sets the severity gate only: targets that could not be checked fail the run unless --allow-errors.
      const blind = !options.allowErrors && run.tally.error > 0;
      exit(gated || expired || blind ? 1 : 0);
    });
}
