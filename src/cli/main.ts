import { Command, CommanderError } from 'commander';
import { displayLines, displayText } from '../display-text.js';
import { InputError } from '../errors.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import { StoreError } from '../monitor/store.js';
import { VERSION } from '../version.js';
import { registerChecks } from './checks.js';
import { registerAccounts } from './users.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerLink } from './link.js';
import { registerMonitor } from './monitor.js';
import { registerReport } from './report.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';
import { registerVerify } from './verify.js';

/** Runs the CLI; resolves to the process exit code (0 ok, 1 findings, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const exit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('harden')
    .version(VERSION)
    .description('Make a security and operations hardening plan executable: check the repo, verify every claim the plan makes, render it back.')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(displayLines(text)) })
    .addHelpText('after', `
Start:
  harden init                 write harden.yaml for this repo
  harden import TRACKER.md    or import an existing Markdown tracker (linked to checks)
  harden link --write         link plan items to the checks that verify them
  harden scan                 run the checks
  harden verify               measure every item's claimed status (CI gate)
  harden report -o SECURITY.md
  harden monitor              run the uptime monitor (monitor status, monitor history NAME)
  harden serve                status page, badges, JSON API and dashboard, with the monitor inside
  harden user add NAME --role admin   who may sign in to serve's dashboard (token, session too)

Run "harden COMMAND --help" for a command's options and examples.`);
  registerScan(program, exit);
  registerVerify(program, exit);
  registerReport(program, exit);
  registerImport(program, exit);
  registerLink(program, exit);
  registerInit(program, exit);
  registerMonitor(program, exit);
  registerServe(program, exit);
  registerAccounts(program, exit);
  registerChecks(program);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError) {
      process.stderr.write(`${error.lines.map((line) => displayText(error.masked ? line : redactSecrets(line))).join('\n')}\n`);
      return 2;
    }
    if (error instanceof StoreError) {
      process.stderr.write(`harden: ${displayText(error.message)}\n`);
      return 1;
    }
    process.stderr.write(`harden: internal error: ${displayText((error as Error).message)}\n${process.env.HARDEN_DEBUG ? `${displayLines(String((error as Error).stack))}\n` : 'set HARDEN_DEBUG=1 for the stack trace, and please report it\n'}`);
    return 3;
  }
}
