import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
import { catalog } from '../checks/index.js';
import { displayText } from '../display-text.js';
import type { ScanRun } from '../engine/scan-run.js';
import { InputError } from '../errors.js';
import type { LoadedPlan } from '../plan/load.js';
import type { ReportContext } from '../report/define.js';
import { FORMATS, formatById } from '../report/index.js';

export interface OutputOptions {
  format: string;
  output?: string;
  showSuppressed?: boolean;
  verbose?: boolean;
  by: 'severity' | 'stage';
}

export const formatOption = () =>
  new Option('-f, --format <format>', 'output format')
    .choices(FORMATS.map((f) => f.id))
    .default('terminal');
export const outputOption = () => new Option('-o, --output <file>', 'write the report to a file (the terminal summary still goes to stdout)');
export const verboseOption = () => new Option('--verbose', 'list every file or link that was not read (by default the first 10)');
export const byOption = () => new Option('--by <grouping>', 'group terminal output by severity or stage').choices(['severity', 'stage']).default('severity');

export function reportContext(plan: LoadedPlan | undefined, options: OutputOptions, date: Date): ReportContext {
  const context: ReportContext = {
    catalog,
    showSuppressed: options.showSuppressed ?? false,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    groupBy: options.by,
    now: date,
  };
  if (options.verbose) context.verbose = true;
  if (plan) context.plan = plan;
  return context;
}

/** Fails before any work when a file the run will write cannot be written (missing folder, no permission). */
export function assertWritable(...files: (string | undefined)[]): void {
  for (const file of files) {
    if (file === undefined || file === '-') continue;
    const dir = dirname(resolve(file));
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new InputError([`${file}: cannot write there (${existsSync(dir) ? 'no permission' : `no folder ${dir}`})`]);
    }
  }
}

/** Writes the chosen format to --output (and the terminal report to stdout), or the format to stdout. */
export function emit(run: ScanRun, context: ReportContext, options: OutputOptions): void {
  const format = formatById(options.format);
  if (options.output) {
    try {
      writeFileSync(options.output, format.render(run, { ...context, color: false }));
    } catch (error) {
      throw new InputError([`${options.output}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    if (format.id !== 'terminal') process.stdout.write(formatById('terminal').render(run, context));
    process.stderr.write(`wrote ${format.id} report to ${displayText(options.output)}\n`);
  } else {
    process.stdout.write(format.render(run, format.id === 'terminal' ? context : { ...context, color: false }));
  }
}
