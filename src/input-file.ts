import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';
import { formatBytes } from './limits.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a file the user named (a plan, a tracker) as UTF-8 text, or throws an InputError
 * `FILE: message`. Only a regular file is read (after following links: never a FIFO or a
 * device), and never more than `maxBytes + 1` bytes, whatever its size claims.
 */
export function readInputFile(file: string, what: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new InputError([`${file}: cannot read the ${what} (${codeOf(error)})`]);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError([`${file}: the ${what} is not a regular file`]);
    if (stats.size > maxBytes) throw tooLarge(file, what, stats.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge(file, what, total, maxBytes);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([`${file}: cannot read the ${what} (${codeOf(error)})`]);
  } finally {
    closeSync(fd);
  }
}

/** The error for text over a size limit (also for text made in memory: a plan `import` writes). */
export function tooLarge(file: string, what: string, bytes: number, maxBytes: number): InputError {
  const size = formatBytes(bytes) === formatBytes(maxBytes) ? '' : ` ${formatBytes(bytes)},`;
  return new InputError([`${file}: the ${what} is${size} over the ${formatBytes(maxBytes)} limit`]);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
