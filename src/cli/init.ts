import type { Command } from 'commander';

export function registerInit(program: Command, exit: (code: number) => void): void {
  program
    .command('init')
    .summary('write a commented harden.yaml for this repository')
    .description('Find the manifests, Dockerfiles, compose files, CI workflows and scripts in the repository and write a commented starter plan naming them.')
    .argument('[dir]', 'repository root', '.')
    .option('-o, --output <file>', 'plan file to write (default: harden.yaml in the repository root)')
    .option('--force', 'overwrite an existing plan')
    .action(async (dir: string, options: { output?: string; force?: boolean }) => (await import('./init-action.js')).initCommand(dir, options, exit));
}
