import { lstatSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** The plan's file name, looked for in the repository and the working directory. */
export const PLAN_FILE = 'harden.yaml';

/**
 * Writes a plan file harden generated (init, import). Never through a symbolic link, which
 * could point anywhere, even outside the repository: that is refused. The text goes to a new
 * file beside it, renamed over the plan, so a link put in place meanwhile is replaced, not
 * followed, and a failed write leaves the old plan whole.
 */
export function writePlanFile(file: string, text: string): void {
  const link = linkTarget(file);
  if (link !== undefined) throw new InputError([`${file} is a symbolic link (to ${link}): harden does not write through it; remove the link or name another file with -o`]);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError([`${file}: cannot write the plan (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

/** Whether a plan file is there: a dangling link counts (writing would create its target). */
export function planFileExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function linkTarget(file: string): string | undefined {
  try {
    return lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
  } catch {
    return undefined;
  }
}
