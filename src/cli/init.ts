import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { discover, draftPlan } from '../plan/init.js';
import { PLAN_FILE } from './context.js';

export function registerInit(program: Command, exit: (code: number) => void): void {
  program
    .command('init')
    .summary('write a commented harden.yaml for this repository')
    .description('Find the manifests, Dockerfiles, compose files, CI workflows and scripts in the repository and write a commented starter plan naming them.')
    .argument('[dir]', 'repository root', '.')
    .option('-o, --output <file>', 'plan file to write', PLAN_FILE)
    .option('--force', 'overwrite an existing plan')
    .action(async (dir: string, options: { output: string; force?: boolean }) => {
      const root = resolve(dir);
      if (!existsSync(root)) throw new InputError([`${dir}: no such directory`]);
      if (existsSync(options.output) && !options.force) throw new InputError([`${options.output} exists (use --force to overwrite it)`]);
      const found = await discover(root);
      writeFileSync(options.output, draftPlan(found, basename(root)));
      const counts = Object.entries(found).map(([kind, globs]) => `${kind}: ${globs.length ? globs.join(', ') : 'none'}`);
      process.stderr.write(`wrote ${options.output}\n  ${counts.join('\n  ')}\nnext: harden scan, then add checks: to items and run harden verify\n`);
      exit(0);
    });
}
