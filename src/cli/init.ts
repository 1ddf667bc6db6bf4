import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayText } from '../display-text.js';
import { InputError } from '../errors.js';
import { discover, draftPlan } from '../plan/init.js';
import { PLAN_FILE } from './context.js';
import { planFileExists, writePlanFile } from './plan-file.js';

/** Lines on what the walk did not read, at most. */
const NOT_READ_SHOWN = 10;

export function registerInit(program: Command, exit: (code: number) => void): void {
  program
    .command('init')
    .summary('write a commented harden.yaml for this repository')
    .description('Find the manifests, Dockerfiles, compose files, CI workflows and scripts in the repository and write a commented starter plan naming them.')
    .argument('[dir]', 'repository root', '.')
    .option('-o, --output <file>', 'plan file to write (default: harden.yaml in the repository root)')
    .option('--force', 'overwrite an existing plan')
    .action(async (dir: string, options: { output?: string; force?: boolean }) => {
      const root = resolve(dir);
      // The plan's globs are relative to its own folder (targets.root: .), so it lives in the root.
      const output = options.output ?? join(dir, PLAN_FILE);
      if (!existsSync(root)) throw new InputError([`${dir}: no such directory`]);
      if (planFileExists(output) && !options.force) throw new InputError([`${output} exists (use --force to overwrite it)`]);
      const { found, notRead } = await discover(root);
      writePlanFile(output, draftPlan(found, basename(root)));
      const counts = Object.entries(found).map(([kind, globs]) => `${kind}: ${globs.length ? globs.join(', ') : 'none'}`);
      const skipped = notRead.slice(0, NOT_READ_SHOWN).map((issue) => `not read: ${issue.file}: ${issue.message}`);
      if (notRead.length > NOT_READ_SHOWN) skipped.push(`… and ${notRead.length - NOT_READ_SHOWN} more not read (harden scan --verbose lists them all)`);
      process.stderr.write(`wrote ${displayText(output)}\n  ${[...counts, ...skipped].map(displayText).join('\n  ')}\nnext: harden scan, then add checks: to items and run harden verify\n`);
      exit(0);
    });
}
