import type { Command } from 'commander';
import { PLAN_FILE } from './plan-file.js';
import type { ImportOptions } from './import-action.js';

export function registerImport(program: Command, exit: (code: number) => void): void {
  program
    .command('import')
    .summary('turn a Markdown tracker into plan items')
    .description('Read an existing Markdown hardening tracker (tables with id/severity/finding/status columns, task lists, ~~done~~ headings, theme and accepted-risk tables) and write its items into harden.yaml.')
    .argument('<tracker>', 'the Markdown file')
    .option('-o, --output <file>', 'plan file to write, or - for stdout', PLAN_FILE)
    .option('--merge', 'merge into an existing plan: add new items, update imported fields of known ids, keep checks and comments')
    .option('--force', 'overwrite an existing plan file')
    .option('--verbose', 'list every warning (by default the first 5)')
    .option('--no-link', 'do not link the items to checks (see "harden link")')
    .addHelpText('after', `
Examples:
  harden import docs/SECURITY-PLAN.md              write harden.yaml from the tracker
  harden import docs/SECURITY-PLAN.md --merge      update harden.yaml after the tracker changed
  harden import plan.md -o - | less                 preview

Items are linked to the checks that verify them, as "harden link" does (a comment on each link says
why; what is unsure stays a "# candidate:" comment): the repository is the plan's targets.root.`)
    .action(async (tracker: string, options: ImportOptions) => (await import('./import-action.js')).importCommand(tracker, options, exit));
}
