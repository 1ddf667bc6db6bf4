import { Option } from 'commander';
import { FORMAT_IDS } from '../report/format-ids.js';

/** The output options of the commands that report a run; loaded at start-up, so it loads no format. */
export interface OutputOptions {
  format: string;
  output?: string;
  showSuppressed?: boolean;
  verbose?: boolean;
  by: 'severity' | 'stage';
}

export const formatOption = () =>
  new Option('-f, --format <format>', 'output format')
    .choices(FORMAT_IDS)
    .default('terminal');
export const outputOption = () => new Option('-o, --output <file>', 'write the report to a file (the terminal summary still goes to stdout)');
export const verboseOption = () => new Option('--verbose', 'list everything skipped (files and links not read, redirects not followed), not only the first 10');
export const byOption = () => new Option('--by <grouping>', 'group terminal output by severity or stage').choices(['severity', 'stage']).default('severity');
