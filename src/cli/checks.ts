import type { Command } from 'commander';

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .summary('list the check catalog')
    .option('--json', 'print the catalog as JSON')
    .option('--markdown', 'print the full catalog documentation as Markdown (docs/checks.md)')
    .action(async (options: { json?: boolean; markdown?: boolean }) => (await import('./checks-action.js')).listChecks(options));

  program
    .command('explain')
    .summary('why a check exists and how to fix what it finds')
    .argument('<check-id>', 'a check id from "harden checks"')
    .action(async (id: string) => (await import('./checks-action.js')).explainCheck(id));
}
