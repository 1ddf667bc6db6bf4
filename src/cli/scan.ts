import type { Command } from 'commander';
import { addRunOptions, failOnOption } from './options.js';
import { byOption, formatOption, outputOption, verboseOption } from './output-options.js';
import type { ScanOptions } from './scan-action.js';

export function registerScan(program: Command, exit: (code: number) => void): void {
  addRunOptions(
    program
      .command('scan')
      .summary('run the check catalog on the plan\'s targets')
      .description('Run every check in the catalog over the repository (manifests, Dockerfiles, compose files) and report what fails, where, and how to fix it.')
      .argument('[dir]', 'repository to scan (default: the plan\'s targets.root, or here); - reads Kubernetes manifests from standard input'),
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
  helm template web ./chart | harden scan -   the rendered manifests (kustomize build DIR | … too)
  harden scan --write-baseline .harden-baseline.json   adopt on a large repo, then:
  harden scan --baseline .harden-baseline.json         gate only on new failures

Exit codes: 0 nothing at or above --fail-on, 1 failures, an expired waiver, or targets that could not
be checked (unless --allow-errors), 2 bad input or nothing to check (no target found: it says what it
looked for and where).`)
    .action(async (dir: string | undefined, options: ScanOptions) => (await import('./scan-action.js')).scanCommand(dir, options, exit));
}
