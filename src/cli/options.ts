import { InvalidArgumentError, Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../severity.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** Options shared by every command that runs checks. */
export function addRunOptions(command: Command): Command {
  return command
    .option('-p, --plan <file>', 'plan file (default: harden.yaml in DIR or here)')
    .option('--only <checks>', 'run only these checks: ids, domains (k8s) or globs (k8s/*), comma-separated', list)
    .option('--skip <checks>', 'skip these checks (same forms as --only)', list)
    .option('--baseline <file>', 'ignore failures whose fingerprints are in this baseline file')
    .option('--now <date>', 'evaluate dates as of this day (YYYY-MM-DD); also HARDEN_NOW')
    .option('--dns-server <host:port>', 'ask this DNS server for the live DNS checks (private zones, tests)')
    .option('--ca <file>', 'also trust the CA certificates (PEM) in this file for live TLS/HTTPS checks')
    .addOption(new Option('--concurrency <n>', 'live checks in flight at once').argParser(positiveInt).default(16))
    .addOption(new Option('--timeout <ms>', 'time budget of one check on one target, in ms').argParser(positiveInt).default(10_000));
}

export type FailOn = Severity | 'none';

export const failOnOption = (fallback: FailOn) =>
  new Option('--fail-on <severity>', 'exit 1 when an unsuppressed failure is at or above this severity (or "none")').choices([...SEVERITIES, 'none']).default(fallback);
