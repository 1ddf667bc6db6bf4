import type { Command } from 'commander';
import type { LinkOptions } from './link-action.js';

export function registerLink(program: Command, exit: (code: number) => void): void {
  program
    .command('link')
    .summary('link plan items to the checks that verify them')
    .description(
      'Propose checks for the plan items that have none: a claim named in the title ("DMARC", "HSTS preload", "runAsNonRoot"), a Verify command (dig, curl | grep, openssl s_client, redis-cli), and a target to measure it on (a file or object of the repository, a site or domain the item or tracker names). Prints what it would add; --write saves it into the plan with a comment on every link saying why.',
    )
    .argument('[dir]', "repository the static checks read (default: the plan's targets.root)")
    .option('-p, --plan <file>', 'plan file (default: harden.yaml in DIR or here)')
    .option('--write', 'save the links into the plan (comments and layout kept)')
    .option('--now <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .addHelpText('after', `
Each link is scoped to the reports that measure the claim (messages:) and to the objects the item
names (where:). What it is unsure of is written as a "# candidate:" comment, never as a link: a
wrong link is a false regression. Items left without a check get "evidence:" saying where their
proof lives (host, cluster, backup, application-code, decision, ...), which verify reports.

Examples:
  harden link                  what it would link, item by item
  harden link --write          save it; review with git diff`)
    .action(async (dir: string | undefined, options: LinkOptions) => (await import('./link-action.js')).linkCommand(dir, options, exit));
}
