import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { displayText } from '../display-text.js';
import { InputError } from '../errors.js';
import { discover, draftPlan } from '../plan/init.js';
import { PLAN_FILE, planFileExists, writePlanFile } from './plan-file.js';

/** Lines on what the walk did not read, at most. */
const NOT_READ_SHOWN = 10;

export async function initCommand(dir: string, options: { output?: string; force?: boolean }, exit: (code: number) => void): Promise<void> {
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
}
